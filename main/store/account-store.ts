/** The account list, persisted crash-safely like the other stores (a damaged file is moved aside, reported). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AccountId, AccountSettings } from '../../app/domain/account.js';
import { MAX_JID_CHARS, bareJidOrNull } from '../../app/domain/address/jid.js';
import type { PathLocks } from './path-locks.js';
import { createVersionedJsonFile, type ReportStoreProblem } from './versioned-json-file.js';

const settingsSchema = z.strictObject({
  id: z.string().uuid(),
  // Read in canonical form (domain in U-labels): files written before the one address model hold A-labels.
  // An address that no longer parses is kept as it is, so the account stays listed and its connection says why.
  jid: z.string().min(3).max(MAX_JID_CHARS).transform((jid) => bareJidOrNull(jid) ?? jid),
  resource: z.string().min(1).max(1023),
  server: z.strictObject({ host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535), directTls: z.boolean() }).nullable(),
  autoConnect: z.boolean(),
  enabled: z.boolean(),
  rememberPassword: z.boolean(),
}) satisfies z.ZodType<AccountSettings>;

export interface AccountStore {
  list(): Promise<readonly AccountSettings[]>;
  get(id: AccountId): Promise<AccountSettings | null>;
  add(settings: Omit<AccountSettings, 'id'>): Promise<AccountSettings>;
  update(id: AccountId, patch: Partial<Omit<AccountSettings, 'id' | 'jid'>>): Promise<AccountSettings | null>;
  remove(id: AccountId): Promise<boolean>;
}

export function createAccountStore(options: { file: string; now: () => Date; report: ReportStoreProblem; locks: PathLocks }): AccountStore {
  const file = createVersionedJsonFile<AccountSettings[]>({
    file: options.file,
    schema: 'hostproof.accounts',
    version: 1,
    data: z.array(settingsSchema),
    empty: () => [],
    label: 'account',
    consequence: 'Your accounts need to be added again; no pin or password was trusted from the damaged file.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });
  return {
    list: () => file.read(),
    get: async (id) => (await file.read()).find((a) => a.id === id) ?? null,
    add: async (settings) => {
      const account: AccountSettings = { ...settings, id: randomUUID() };
      await file.update((all) => [...all, account]);
      return account;
    },
    update: async (id, patch) => {
      let updated: AccountSettings | null = null;
      await file.update((all) =>
        all.map((a) => {
          if (a.id !== id) return a;
          updated = { ...a, ...patch };
          return updated;
        }),
      );
      return updated;
    },
    remove: async (id) => {
      let removed = false;
      await file.update((all) => {
        const rest = all.filter((a) => a.id !== id);
        removed = rest.length !== all.length;
        return removed ? rest : all;
      });
      return removed;
    },
  };
}
