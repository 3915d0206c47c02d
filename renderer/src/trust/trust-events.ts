import type { TrustDecision } from '../../../app/domain/account.js';
import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import type { TrustLogEntry } from '../../../app/domain/trust-records.js';
import type { TrustMethod } from '../../../app/domain/trust.js';

/** A trust-log line with the account it belongs to, for the trust center's one list across accounts. */
export interface AccountEntry {
  readonly accountId: string;
  readonly jid: string;
  readonly entry: TrustLogEntry;
}

export type MethodFilter = 'any' | TrustMethod | 'unverified';

export interface HistoryFilter {
  readonly accountId: string | 'all';
  readonly method: MethodFilter;
  readonly decisionsOnly: boolean;
  readonly keyChangesOnly: boolean;
}

export const NO_FILTER: HistoryFilter = { accountId: 'all', method: 'any', decisionsOnly: false, keyChangesOnly: false };

const VERIFIED_BY: Record<TrustMethod, string> = {
  pkix: 'was verified by a certificate authority',
  posh: "was verified by its domain's POSH statement",
  pin: 'was verified by your pin',
  'accepted-once': 'was accepted once by you, without proof',
};

const YOU: Record<TrustDecision, string> = {
  cancel: 'you cancelled',
  'connect-once': 'you connected once',
  pin: 'you pinned its key',
  'replace-pin': 'you replaced the pin',
  'check-again': 'you asked to check again',
  'log-in-unbound': 'you logged in without channel binding',
};

/** A key change: the server presented another key than the pinned one, or the user replaced a pin. */
export function isKeyChange(entry: TrustLogEntry): boolean {
  if (!entry.verified && entry.undecided === 'key-changed') return true;
  if (entry.kind === 'decision' && entry.decision === 'replace-pin') return true;
  return entry.v === 2 && entry.warnings.includes('key-changed');
}

/** One line in plain words: "the key of chat.example.com changed; you replaced the pin". */
export function plainEvent(entry: TrustLogEntry): string {
  const server = `${entry.host}:${entry.port}`;
  const domain = entry.v === 2 ? domainForPeople(entry.domain) : entry.host;
  let what: string;
  if (entry.verified) {
    what = `${server} ${VERIFIED_BY[entry.method]}`;
  } else {
    switch (entry.undecided) {
      case 'key-changed':
        what = `the key of ${domain}'s server changed`;
        break;
      case 'posh-mismatch':
        what = `${domain}'s POSH statement does not list the certificate of ${server}`;
        break;
      case 'delegated-host':
        what = `${server} could not prove it is the server for ${domain} (its certificate is for another name)`;
        break;
      case 'untrusted-certificate':
        what = `${server} could not prove it is the server for ${domain} (no authority vouches for its certificate)`;
        break;
    }
  }
  return entry.kind === 'decision' ? `${what}; ${YOU[entry.decision]}` : what;
}

export function matchesFilter(item: AccountEntry, filter: HistoryFilter): boolean {
  const { entry } = item;
  if (filter.accountId !== 'all' && item.accountId !== filter.accountId) return false;
  if (filter.decisionsOnly && entry.kind !== 'decision') return false;
  if (filter.keyChangesOnly && !isKeyChange(entry)) return false;
  if (filter.method === 'any') return true;
  if (filter.method === 'unverified') return !entry.verified;
  return entry.verified && entry.method === filter.method;
}

/** Newest first across every account. */
export function mergeNewestFirst(lists: readonly AccountEntry[][]): AccountEntry[] {
  return lists.flat().sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : 0));
}
