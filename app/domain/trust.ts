/**
 * The trust engine's vocabulary. A verdict is data, not a boolean: it says which method proved the server
 * (or that none did), why each method failed, and the delegation story the UI and the log show.
 */
import type { CertificateSummary } from './certificate.js';

export const XMPP_CLIENT_SERVICE = 'xmpp-client';
export type ServiceName = typeof XMPP_CLIENT_SERVICE;

// ---------- POSH ----------

export type PoshFormat = 'rfc7711' | 'seed';

/**
 * verified: material matched the presented certificate; mismatch: material exists and nothing matched;
 * absent: no POSH published (404 at both URLs); invalid: a document was malformed or broke a rule;
 * error: network, TLS, HTTP or time failure; skipped: not waited for, because the certificate already
 * proved itself by PKIX (a slow web server must not delay every login). Only `verified` counts towards trust.
 */
export type PoshStatus = 'verified' | 'mismatch' | 'absent' | 'invalid' | 'error' | 'skipped';

export type PoshStepKind =
  | 'fingerprints' // an RFC 7711 fingerprints document
  | 'jwk-set' // a seed-draft possession document
  | 'reference' // a document whose `url` points elsewhere
  | 'redirect' // an HTTP redirect followed by hand
  | 'not-found' // 404
  | 'http-error' // any other non-2xx status
  | 'invalid-document' // parsed but broke a rule (reason in detail)
  | 'tls-error' // the web server's certificate failed web-PKI validation
  | 'network-error'
  | 'timeout'
  | 'too-large'
  | 'budget-exceeded' // redirect budget, or a reference to a reference
  | 'refused-address' // a redirect or reference named an IP literal or led into the user's own network
  | 'cache'; // answered from the cache (detail says until when)

export interface PoshStep {
  readonly url: string;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  readonly kind: PoshStepKind;
  readonly detail: string;
}

export type PoshHash = 'sha-256' | 'sha-384' | 'sha-512' | 'sha-1';

export interface PoshMatch {
  readonly hash: PoshHash;
  /** The matching value as published (base64, or base64url for the seed's x5t). */
  readonly fingerprint: string;
  /** The URL of the document that held the match. */
  readonly url: string;
}

export interface PoshResult {
  readonly domain: string;
  readonly status: PoshStatus;
  readonly format: PoshFormat | null;
  readonly steps: readonly PoshStep[];
  /** ISO time until which the material may be reused; null when nothing cacheable was found. */
  readonly expires: string | null;
  readonly match: PoshMatch | null;
  /** One plain sentence: what POSH said. */
  readonly reason: string;
}

// ---------- PKIX ----------

export type NameMatchType = 'dns-id' | 'srv-id' | 'xmpp-addr' | 'cn';

export interface PkixResult {
  /** Chain to a trusted root and name match: both must hold. */
  readonly ok: boolean;
  readonly chainOk: boolean;
  readonly nameOk: boolean;
  readonly matchedName: { readonly type: NameMatchType; readonly value: string } | null;
  /** Why it failed, in plain words; null when ok. */
  readonly error: string | null;
}

// ---------- Pins ----------

/**
 * How a pin came to be: the user pinned a key a server presented, replaced a pinned key with the one presented,
 * or typed in a fingerprint the provider published elsewhere before the first connection.
 */
export type PinApproval = 'pinned' | 'replaced' | 'published-fingerprint';

export interface Pin {
  readonly domain: string;
  readonly service: ServiceName;
  /** Standard base64 SHA-256 of the SubjectPublicKeyInfo DER. */
  readonly spkiSha256: string;
  /**
   * The certificate the key was seen in: the one presented when the user approved it, or, for a pin made from
   * a published fingerprint, the first one a server presented with this key (null until then).
   */
  readonly certificate: CertificateSummary | null;
  readonly approvedAt: string;
  readonly approvedHow: PinApproval;
  /** When a server last presented the pinned key; null when none has yet. */
  readonly lastSeenAt: string | null;
  /** Since when the server presents another key (the first connection that did); null while it matches. */
  readonly mismatchSince: string | null;
}

export type PinCheck =
  | { readonly status: 'match'; readonly pin: Pin }
  | { readonly status: 'mismatch'; readonly pin: Pin }
  | { readonly status: 'none' };

// ---------- Verdict ----------

export type TrustMethod = 'pkix' | 'posh' | 'pin' | 'accepted-once';

export type TrustWarning =
  | 'weak-hash-sha1'
  | 'key-changed'
  | 'delegated-host'
  | 'posh-mismatch'
  | 'expired-certificate'
  | 'not-yet-valid-certificate'
  | 'self-signed'
  | 'untrusted-issuer';

/** Why the user must decide: each kind gets its own dialog text (trust-ux.md). */
export type UndecidedReason = 'delegated-host' | 'untrusted-certificate' | 'key-changed' | 'posh-mismatch';

export interface ConnectedEndpoint {
  readonly host: string;
  readonly port: number;
  readonly directTls: boolean;
  /** How the endpoint was chosen: SRV (not authenticated), the domain itself, or the user's settings. */
  readonly source: 'srv' | 'domain' | 'configured';
}

export interface DelegationStep {
  readonly kind: 'domain' | 'srv' | 'certificate' | 'posh' | 'fingerprint' | 'pin';
  readonly label: string;
  readonly detail: string;
  /** False for facts nobody vouched for (DNS SRV answers). */
  readonly authenticated: boolean;
}

interface VerdictBase {
  readonly domain: string;
  readonly service: ServiceName;
  readonly endpoint: ConnectedEndpoint;
  readonly certificate: CertificateSummary;
  /** Leaf first, as the server sent it. */
  readonly chain: readonly CertificateSummary[];
  readonly pkix: PkixResult;
  readonly posh: PoshResult;
  readonly pin: PinCheck;
  readonly warnings: readonly TrustWarning[];
  readonly delegation: readonly DelegationStep[];
  /** One sentence a person can read. */
  readonly summary: string;
  readonly checkedAt: string;
}

export type TrustVerdict =
  | (VerdictBase & { readonly verified: true; readonly method: TrustMethod; readonly undecided: null })
  | (VerdictBase & { readonly verified: false; readonly method: null; readonly undecided: UndecidedReason });
