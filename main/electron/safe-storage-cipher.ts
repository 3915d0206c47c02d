import type { SafeStorage } from 'electron';
import type { SecretCipher } from '../store/password-vault.js';

/** Passwords are encrypted with the OS key store (Keychain, DPAPI, libsecret/kwallet) through safeStorage. */
export function safeStorageCipher(safeStorage: SafeStorage): SecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
