/** What the trust center lists: POSH cache entries and trust-log lines (stored in main, shown in the UI). */
import type { TrustDecision } from './account.js';
import type { PickEach } from './pick-each.js';
import type { DelegationStep, PoshFormat, PoshHash, TrustVerdict } from './trust.js';
import type { LoginProtection } from './sasl-mechanism.js';

export interface PoshCacheEntry {
  readonly domain: string;
  readonly format: PoshFormat;
  readonly fetchedAt: string;
  readonly expiresAt: string;
  readonly fingerprints: ReadonlyArray<{
    readonly hash: PoshHash;
    /** Standard base64 of the digest bytes. */
    readonly value: string;
    readonly url: string;
  }>;
}

/** The version of the lines the app writes now; lines of every earlier version still load (see below). */
export const TRUST_LOG_LINE_VERSION = 2 satisfies TrustLogEntryV2['v'];

/** The verdict's outcome, each member as TrustVerdict has it: verified with a method, or unverified with a reason. */
type LoggedOutcome = PickEach<TrustVerdict, 'verified' | 'method' | 'undecided'>;

/** A delegation step in short: what it was and whether anyone vouched for it, without the long detail. */
export type LoggedDelegationStep = Pick<DelegationStep, 'kind' | 'label' | 'authenticated'>;

interface LineBase {
  readonly at: string;
  readonly account: string;
  /** The endpoint connected to. */
  readonly host: TrustVerdict['endpoint']['host'];
  readonly port: TrustVerdict['endpoint']['port'];
  readonly certificateSha256: TrustVerdict['certificate']['sha256'];
  readonly spkiSha256: TrustVerdict['certificate']['spkiSha256'];
}

/** 'login': a login succeeded after this verdict, and how it was protected (mechanism, channel binding). */
type LineKind =
  | { readonly kind: 'verification' }
  | { readonly kind: 'decision'; readonly decision: TrustDecision }
  | { readonly kind: 'login'; readonly login: LoginProtection };

/** Version 1 recorded the outcome only: such a line cannot say why. */
export type TrustLogEntryV1 = LineBase & LoggedOutcome & LineKind & { readonly v: 1 };

/**
 * Version 2 also keeps the why (trust-ux.md's "method or failure, warnings, the delegation summary"): the
 * domain checked, the verdict's sentence and warnings, and its delegation steps in short.
 */
export type TrustLogEntryV2 = LineBase &
  LoggedOutcome &
  LineKind &
  Pick<TrustVerdict, 'domain' | 'summary' | 'warnings'> & {
    readonly v: 2;
    readonly delegation: readonly LoggedDelegationStep[];
  };

/** A line as read back: any version ever written (the log is append-only, old lines are never rewritten). */
export type TrustLogEntry = TrustLogEntryV1 | TrustLogEntryV2;

/** Bounds on the text a line keeps, so a hostile certificate cannot make a line too long to be logged. */
export const TRUST_LOG_LIMITS = { summary: 2000, label: 500, steps: 40 } as const;
