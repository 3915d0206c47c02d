/**
 * Stands in for Electron's safeStorage (which needs the OS key store): a real cipher (AES-256-GCM with a key
 * made per test run), so tests can assert that no password is ever written in the clear. Two processes that
 * must read each other's passwords (the crash tests' writer child and its parent) pass the same `key`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../../main/store/password-vault.js';

export function createTestCipher(available = true, key: Buffer = randomBytes(32)): SecretCipher {
  return {
    isAvailable: async () => available,
    encrypt: async (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt: async (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return { plain: Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'), reseal: false };
    },
  };
}
