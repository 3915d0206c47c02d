/** What the trust center lists: POSH cache entries and trust-log lines (stored in main, shown in the UI). */
import type { TrustDecision } from './account.js';
import type { PoshFormat, PoshHash, TrustMethod, UndecidedReason } from './trust.js';

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

export const TRUST_LOG_LINE_VERSION = 1;

/** The verdict as it stood; mirrors TrustVerdict: verified with a method, or unverified with a reason to ask. */
type VerdictFields =
  | { readonly verified: true; readonly method: TrustMethod; readonly undecided: null }
  | { readonly verified: false; readonly method: null; readonly undecided: UndecidedReason };

interface LineBase {
  readonly v: typeof TRUST_LOG_LINE_VERSION;
  readonly at: string;
  readonly account: string;
  /** The endpoint connected to. */
  readonly host: string;
  readonly port: number;
  readonly certificateSha256: string;
  readonly spkiSha256: string;
}

export type TrustLogEntry =
  | (LineBase & VerdictFields & { readonly kind: 'verification' })
  | (LineBase & VerdictFields & { readonly kind: 'decision'; readonly decision: TrustDecision });
