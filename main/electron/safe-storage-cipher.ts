import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../store/password-vault.js';

/** The part of Electron's safeStorage used here; `getSelectedStorageBackend` exists on Linux only. */
export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * Passwords are encrypted with the OS key store (Keychain, DPAPI, libsecret/kwallet) through safeStorage's
 * asynchronous API (the synchronous one is deprecated in Electron 45). On Linux without a key store
 * Electron falls back to `basic_text`, a key hard-coded in Chromium, and still reports encryption as
 * available: that is obfuscation, not protection, so it counts as no key store and passwords are then
 * kept for the session only. `unknown` (asked before the app was ready) is not trusted either.
 */
export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    isAvailable: async () => {
      if (typeof safeStorage.getSelectedStorageBackend === 'function') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') return false;
      }
      return safeStorage.isAsyncEncryptionAvailable();
    },
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (data) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
      return { plain: result, reseal: shouldReEncrypt };
    },
  };
}
