/**
 * One account's OMEMO for the unit tests of account-omemo.ts and what it composes: the real parts (keys, cipher,
 * key store on records in memory unless a test passes sealed ones), its outgoing stanzas and log kept, a clock
 * the test moves.
 */
import type { Element } from '@xmpp/xml';
import { createMemoryKeyRecords } from '../../../../main/omemo/memory-key-store.js';
import type { KeyRecords } from '../../../../main/omemo/omemo-key-store.js';
import { AccountOmemoError } from '../../../../main/services/omemo/account-omemo-error.js';
import { createAccountOmemo, type AccountOmemo } from '../../../../main/services/omemo/account-omemo.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export interface Account {
  readonly omemo: AccountOmemo;
  readonly records: KeyRecords;
  readonly sent: Element[];
  readonly log: FeatureLogEntry[];
}

export interface AccountOptions {
  readonly records?: KeyRecords;
  readonly newDeviceId?: () => number;
  readonly now?: () => number;
}

export async function account(jid: string, options: AccountOptions = {}): Promise<Account> {
  const records = options.records ?? createMemoryKeyRecords();
  const sent: Element[] = [];
  const log: FeatureLogEntry[] = [];
  const omemo = await createAccountOmemo({
    keys: { ok: true, records },
    ownJid: jid,
    now: options.now ?? (() => Date.UTC(2026, 0, 1)),
    log: (entry) => log.push(entry),
    send: async (stanza) => {
      sent.push(stanza);
    },
    repairIntervalMs: 10 * MINUTE,
    ...(options.newDeviceId === undefined ? {} : { newDeviceId: options.newDeviceId }),
  });
  return { omemo, records, sent, log };
}

/** The AccountOmemoError an operation refused with (a test fails if it was accepted or threw anything else). */
export async function failure(promise: Promise<unknown>): Promise<AccountOmemoError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AccountOmemoError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

export function readySelf(omemo: AccountOmemo): number {
  const state = omemo.state();
  if (state.status !== 'ready') throw new Error(`not ready: ${state.status}`);
  return state.deviceId;
}
