/**
 * Which SASL mechanism last worked for each account. Remembered so that a server (or an attacker in the
 * middle of a verified-but-pinned connection) that suddenly offers only PLAIN after SCRAM worked is refused
 * instead of being handed the password in a reversible form.
 *
 * Fail closed: a damaged file cannot say which accounts used SCRAM, so it means "SCRAM required" for every
 * account. That is written in its place as the entry UNKNOWN_ACCOUNTS → 'scram-required' (versioned-json-file
 * `damaged`), so a restart keeps it, and each account's own entry replaces it at its next SCRAM login. The
 * data stays version 1: files written before this are valid as they are.
 */
import { z } from 'zod';
import type { AccountId } from '../../app/domain/account.js';
import { SASL_MECHANISMS, type MechanismName } from '../../app/domain/sasl-mechanism.js';
import type { PathLocks } from './path-locks.js';
import { forgetKeyIn, type PerAccountStore } from './per-account-store.js';
import { createVersionedJsonFile, type ReportStoreProblem } from './versioned-json-file.js';

/** The mechanism that last worked, or 'scram-required' when the record was lost (see the header). */
export type RememberedLogin = MechanismName | 'scram-required';

/** The key that stands for every account without an entry of its own (not a UUID, so never an account). */
export const UNKNOWN_ACCOUNTS = '*';

export interface LoginMemory extends PerAccountStore {
  mechanism(id: AccountId): Promise<RememberedLogin | null>;
  remember(id: AccountId, mechanism: MechanismName): Promise<void>;
}

export function createLoginMemory(options: { file: string; now: () => Date; report: ReportStoreProblem; locks: PathLocks }): LoginMemory {
  const file = createVersionedJsonFile<Record<string, RememberedLogin>>({
    file: options.file,
    schema: 'hostproof.logins',
    version: 1,
    data: z.record(z.union([z.string().uuid(), z.literal(UNKNOWN_ACCOUNTS)]), z.enum([...SASL_MECHANISMS, 'scram-required'])),
    empty: () => ({}),
    damaged: () => ({ [UNKNOWN_ACCOUNTS]: 'scram-required' }),
    label: 'login memory',
    consequence:
      'Hostproof no longer knows which of your accounts log in with the safer SCRAM method, so until each account ' +
      'logs in with SCRAM again it will not send any password in clear (PLAIN), to any server.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    mechanism: async (id) => {
      const all = await file.read();
      return all[id] ?? all[UNKNOWN_ACCOUNTS] ?? null;
    },
    remember: async (id, mechanism) => {
      await file.update((all) => (all[id] === mechanism ? all : { ...all, [id]: mechanism }));
    },
    forget: forgetKeyIn(file),
  };
}
