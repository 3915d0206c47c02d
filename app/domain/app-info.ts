/**
 * Where a remembered password goes: encrypted by the operating system's key store (Keychain, DPAPI,
 * libsecret/KWallet), or nowhere, kept in memory until the app quits, because this computer has no key store
 * that really protects it (Linux without a keyring falls back to a key hard-coded in Chromium).
 */
export type PasswordStorage = 'os-key-store' | 'session-only';

/** What the main process reports about the running application. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly dataPath: string;
  readonly passwordStorage: PasswordStorage;
}
