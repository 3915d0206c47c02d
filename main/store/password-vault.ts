/**
 * Remembered passwords, only ever stored encrypted by the injected cipher (Electron's safeStorage in the app,
 * a test cipher in tests). The plaintext lives in memory only as long as a login needs it and never crosses
 * IPC back to the renderer.
 */
import { z } from 'zod';
import type { AccountId } from '../../app/domain/account.js';
import type { PathLocks } from './path-locks.js';
import { forgetKeyIn, type PerAccountStore } from './per-account-store.js';
import { createVersionedJsonFile, type ReportStoreProblem } from './versioned-json-file.js';

export interface SecretCipher {
  /**
   * False where the OS offers no key store that really protects a secret (none at all, or Linux's
   * hard-coded `basic_text` key): then passwords are kept for the session only and never written.
   */
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  /** `reseal`: the key store rotated its key, so the secret should be encrypted again. */
  decrypt(data: Buffer): Promise<{ readonly plain: string; readonly reseal: boolean }>;
}

export interface PasswordVault extends PerAccountStore {
  /** Asked once and remembered: whether a password can be stored protected by the OS key store. */
  canRemember(): Promise<boolean>;
  get(id: AccountId): Promise<string | null>;
  set(id: AccountId, password: string): Promise<void>;
}

export function createPasswordVault(options: {
  file: string;
  cipher: SecretCipher;
  now: () => Date;
  report: ReportStoreProblem;
  locks: PathLocks;
}): PasswordVault {
  const file = createVersionedJsonFile<Record<string, string>>({
    file: options.file,
    schema: 'hostproof.passwords',
    version: 1,
    data: z.record(z.string().uuid(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(8192)),
    empty: () => ({}),
    label: 'saved password',
    consequence: 'You will be asked for your passwords again.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  let available: Promise<boolean> | null = null;
  // A key store that fails to answer counts as none: fail closed, never write the password unprotected.
  const canRemember = (): Promise<boolean> => (available ??= options.cipher.isAvailable().catch(() => false));
  const seal = async (id: AccountId, password: string): Promise<void> => {
    const sealed = (await options.cipher.encrypt(password)).toString('base64');
    await file.update((all) => ({ ...all, [id]: sealed }));
  };
  return {
    canRemember,
    get: async (id) => {
      const sealed = (await file.read())[id];
      if (sealed === undefined || !(await canRemember())) return null;
      let opened: { plain: string; reseal: boolean };
      try {
        opened = await options.cipher.decrypt(Buffer.from(sealed, 'base64'));
      } catch {
        // A key store that changed (new OS user, reinstalled keyring) cannot open old entries: ask again.
        return null;
      }
      if (opened.reseal) await seal(id, opened.plain);
      return opened.plain;
    },
    set: async (id, password) => {
      if (!(await canRemember())) return;
      await seal(id, password);
    },
    forget: forgetKeyIn(file),
  };
}
