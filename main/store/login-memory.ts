/**
 * Which SASL mechanism last worked for each account. Remembered so that a server (or an attacker in the
 * middle of a verified-but-pinned connection) that suddenly offers only PLAIN after SCRAM worked is refused
 * instead of being handed the password in a reversible form.
 */
import { z } from 'zod';
import type { AccountId } from '../../app/domain/account.js';
import { SASL_MECHANISMS, type MechanismName } from '../../app/domain/sasl-mechanism.js';
import type { PathLocks } from './path-locks.js';
import { forgetKeyIn, type PerAccountStore } from './per-account-store.js';
import { createVersionedJsonFile, type ReportStoreProblem } from './versioned-json-file.js';

export interface LoginMemory extends PerAccountStore {
  mechanism(id: AccountId): Promise<MechanismName | null>;
  remember(id: AccountId, mechanism: MechanismName): Promise<void>;
}

export function createLoginMemory(options: { file: string; now: () => Date; report: ReportStoreProblem; locks: PathLocks }): LoginMemory {
  const file = createVersionedJsonFile<Record<string, MechanismName>>({
    file: options.file,
    schema: 'hostproof.logins',
    version: 1,
    data: z.record(z.string().uuid(), z.enum(SASL_MECHANISMS)),
    empty: () => ({}),
    label: 'login memory',
    // Fail closed would be "refuse PLAIN everywhere"; losing this only loses the downgrade check until the
    // next SCRAM login, which the message says.
    consequence: 'Hostproof will again learn which login method each server supports at the next sign-in.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    mechanism: async (id) => (await file.read())[id] ?? null,
    remember: async (id, mechanism) => {
      await file.update((all) => (all[id] === mechanism ? all : { ...all, [id]: mechanism }));
    },
    forget: forgetKeyIn(file),
  };
}
