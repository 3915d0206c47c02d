/**
 * The `--json` shape of `hostproof-posh check`. Field names are a published interface (README's `check --json`
 * table): change them only with a note there. Every field is taken from the TrustVerdict by name, so its type
 * (and a renamed or retyped verdict field) flows through here unchanged instead of being declared twice.
 */
import type { CertificateSummary } from '../../app/domain/certificate.js';
import type { PickEach } from '../../app/domain/pick-each.js';
import { XMPP_CLIENT_SERVICE, type Pin, type PoshResult, type TrustVerdict } from '../../app/domain/trust.js';

const CERTIFICATE_FIELDS = ['subject', 'issuer', 'names', 'notBefore', 'notAfter', 'sha256', 'spkiSha256', 'selfIssued'] as const;
const CHAIN_FIELDS = ['subject', 'issuer', 'sha256'] as const;
const POSH_FIELDS = ['status', 'format', 'steps', 'expires', 'match', 'reason'] as const;

export interface CheckReportJson {
  readonly domain: TrustVerdict['domain'];
  readonly connected: TrustVerdict['endpoint'];
  readonly certificate: Pick<CertificateSummary, (typeof CERTIFICATE_FIELDS)[number]>;
  readonly chain: ReadonlyArray<Pick<CertificateSummary, (typeof CHAIN_FIELDS)[number]>>;
  readonly pkix: TrustVerdict['pkix'];
  readonly posh: Pick<PoshResult, (typeof POSH_FIELDS)[number]>;
  readonly pin: {
    readonly status: TrustVerdict['pin']['status'];
    readonly spkiSha256: Pin['spkiSha256'] | null;
    readonly approvedAt: Pin['approvedAt'] | null;
  };
  readonly verdict: PickEach<TrustVerdict, 'verified' | 'method' | 'undecided' | 'warnings' | 'summary'>;
  readonly delegation: TrustVerdict['delegation'];
  readonly checkedAt: TrustVerdict['checkedAt'];
}

/** What `check --json` prints when no verdict could be reached (nothing to connect to, a timeout, ...). */
export interface CheckFailureJson {
  readonly domain: TrustVerdict['domain'];
  readonly service: TrustVerdict['service'];
  readonly error: { readonly kind: string; readonly message: string };
  readonly verdict: PickEach<Extract<TrustVerdict, { verified: false }>, 'verified' | 'method' | 'warnings' | 'summary'>;
}

export function checkReportJson(verdict: TrustVerdict): CheckReportJson {
  const pin = verdict.pin.status === 'none' ? null : verdict.pin.pin;
  return {
    domain: verdict.domain,
    connected: verdict.endpoint,
    certificate: pick(verdict.certificate, CERTIFICATE_FIELDS),
    chain: verdict.chain.map((certificate) => pick(certificate, CHAIN_FIELDS)),
    pkix: verdict.pkix,
    posh: pick(verdict.posh, POSH_FIELDS),
    pin: { status: verdict.pin.status, spkiSha256: pin?.spkiSha256 ?? null, approvedAt: pin?.approvedAt ?? null },
    verdict: verdict.verified
      ? { verified: true, method: verdict.method, undecided: null, warnings: verdict.warnings, summary: verdict.summary }
      : { verified: false, method: null, undecided: verdict.undecided, warnings: verdict.warnings, summary: verdict.summary },
    delegation: verdict.delegation,
    checkedAt: verdict.checkedAt,
  };
}

export function checkFailureJson(domain: string, error: CheckFailureJson['error']): CheckFailureJson {
  return {
    domain,
    service: XMPP_CLIENT_SERVICE,
    error,
    verdict: { verified: false, method: null, warnings: [], summary: `Could not check ${domain}: ${error.message}` },
  };
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}
