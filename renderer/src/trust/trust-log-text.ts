import type { TrustDecision } from '../../../app/domain/account.js';
import type { LoggedDelegationStep, TrustLogEntry } from '../../../app/domain/trust-records.js';
import type { TrustMethod, UndecidedReason } from '../../../app/domain/trust.js';
import { loginProtectionText } from './login-text.js';
import { WARNING_TEXT, warningsToShow } from './warning-text.js';

const METHOD: Record<TrustMethod, string> = {
  pkix: 'Verified by certificate authority',
  posh: 'Verified by POSH',
  pin: 'Verified by your pin',
  'accepted-once': 'Accepted once by you',
};

const REASON: Record<UndecidedReason, string> = {
  'delegated-host': 'Unverified: delegated host',
  'untrusted-certificate': 'Unverified: untrusted certificate',
  'key-changed': 'Key changed',
  'posh-mismatch': 'POSH mismatch',
};

const DECISION: Record<TrustDecision, string> = {
  cancel: 'You cancelled',
  'connect-once': 'You connected once',
  pin: 'You pinned the key',
  'replace-pin': 'You replaced the pinned key',
  'check-again': 'You asked to check again',
  'log-in-unbound': 'You logged in without channel binding',
};

export function logResult(entry: TrustLogEntry): string {
  if (entry.kind === 'login') return `Logged in: ${loginProtectionText(entry.login).headline}`;
  return entry.verified ? METHOD[entry.method] : REASON[entry.undecided];
}

export function logDecision(entry: TrustLogEntry): string {
  return entry.kind === 'decision' ? DECISION[entry.decision] : '—';
}

/** Why the result was what it was, as the verdict said at the time; null for lines written before the why was kept. */
export interface LogWhy {
  readonly summary: string;
  readonly warnings: readonly string[];
  readonly steps: readonly LoggedDelegationStep[];
}

export const WHY_NOT_RECORDED = 'Recorded by an earlier version of Hostproof, which did not keep the reason.';

export function logWhy(entry: TrustLogEntry): LogWhy | null {
  if (entry.v === 1) return null;
  return { summary: entry.summary, warnings: warningsToShow(entry, entry.warnings).map((w) => WARNING_TEXT[w]), steps: entry.delegation };
}
