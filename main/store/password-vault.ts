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
  /** False where the OS offers no key store: then passwords are not remembered at all. */
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface PasswordVault extends PerAccountStore {
  readonly canRemember: boolean;
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
  const canRemember = options.cipher.isAvailable();
  return {
    canRemember,
    get: async (id) => {
      const sealed = (await file.read())[id];
      if (sealed === undefined || !canRemember) return null;
      try {
        return options.cipher.decrypt(Buffer.from(sealed, 'base64'));
      } catch {
        // A key store that changed (new OS user, reinstalled keyring) cannot open old entries: ask again.
        return null;
      }
    },
    set: async (id, password) => {
      if (!canRemember) return;
      const sealed = options.cipher.encrypt(password).toString('base64');
      await file.update((all) => ({ ...all, [id]: sealed }));
    },
    forget: forgetKeyIn(file),
  };
}
