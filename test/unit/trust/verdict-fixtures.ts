/**
 * Hand-made check results for the verdict tests: the hosted-domain story of posh.md §1 (example.com hosted at
 * hosting.example.net), with a fixed clock inside every certificate's validity.
 */
import type { CertificateSummary } from '../../../app/domain/certificate.js';
import type {
  ConnectedEndpoint,
  Pin,
  PinCheck,
  PkixResult,
  PoshResult,
  PoshStatus,
  PoshStep,
} from '../../../app/domain/trust.js';
import type { TrustInput } from '../../../main/trust/verdict.js';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const DOMAIN = 'example.com';
export const RFC_URL = 'https://example.com/.well-known/posh/xmpp-client.json';

export function certificate(overrides: Partial<CertificateSummary> = {}): CertificateSummary {
  return {
    subject: 'CN=example.com',
    issuer: 'CN=Test CA',
    serialNumber: '01',
    names: { dns: ['example.com'], srv: [], xmppAddr: [], commonNames: ['example.com'] },
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2025-12-31T23:59:59.000Z',
    sha256: 'ZG9tYWluLWNlcnRpZmljYXRlLWRlci1zaGEyNTY=',
    spkiSha256: 'ZG9tYWluLWtleS1zcGtpLXNoYTI1Ni12YWx1ZQ==',
    selfIssued: false,
    ...overrides,
  };
}

/** A CA-issued certificate for example.com itself. */
export const DOMAIN_CERT = certificate();

/** A CA-issued certificate for the hosting provider (the common hosted-domain case). */
export const HOSTING_CERT = certificate({
  subject: 'CN=hosting.example.net',
  names: { dns: ['hosting.example.net'], srv: [], xmppAddr: [], commonNames: ['hosting.example.net'] },
  sha256: 'aG9zdGluZy1jZXJ0aWZpY2F0ZS1kZXItc2hhMjU2',
  spkiSha256: 'aG9zdGluZy1rZXktc3BraS1zaGEyNTYtdmFsdWU=',
});

/** The hosting provider's self-signed certificate (the case POSH was made for). */
export const SELF_SIGNED_HOSTING_CERT = certificate({
  subject: 'CN=hosting.example.net',
  issuer: 'CN=hosting.example.net',
  names: { dns: ['hosting.example.net'], srv: [], xmppAddr: [], commonNames: ['hosting.example.net'] },
  sha256: 'c2VsZi1zaWduZWQtaG9zdGluZy1jZXJ0aWZpY2F0ZQ==',
  spkiSha256: 'c2VsZi1zaWduZWQtaG9zdGluZy1rZXktc3BraQ==',
  selfIssued: true,
});

export const PKIX_OK: PkixResult = {
  ok: true,
  chainOk: true,
  nameOk: true,
  matchedName: { type: 'dns-id', value: 'example.com' },
  error: null,
};
export const PKIX_CHAIN_ONLY: PkixResult = {
  ok: false,
  chainOk: true,
  nameOk: false,
  matchedName: null,
  error: 'The certificate is for hosting.example.net, not example.com.',
};
export const PKIX_NONE: PkixResult = {
  ok: false,
  chainOk: false,
  nameOk: false,
  matchedName: null,
  error: 'The certificate is self-signed.',
};

export const SRV_ENDPOINT: ConnectedEndpoint = { host: 'chat.example.com', port: 5222, directTls: false, source: 'srv' };

const STEP_FOR: Record<PoshStatus, PoshStep[]> = {
  verified: [{ url: RFC_URL, status: 200, kind: 'fingerprints', detail: '1 fingerprint' }],
  mismatch: [{ url: RFC_URL, status: 200, kind: 'fingerprints', detail: '1 fingerprint' }],
  absent: [
    { url: RFC_URL, status: 404, kind: 'not-found', detail: '' },
    { url: 'https://example.com/.well-known/posh._xmpp-client._tcp.json', status: 404, kind: 'not-found', detail: '' },
  ],
  invalid: [{ url: RFC_URL, status: 200, kind: 'invalid-document', detail: 'expires is missing' }],
  error: [{ url: RFC_URL, status: null, kind: 'tls-error', detail: 'unable to verify the first certificate' }],
  skipped: [],
};

/** A POSH result with the given status; a 'verified' one matches `cert` through its SHA-256. */
export function posh(status: PoshStatus, cert: CertificateSummary, overrides: Partial<PoshResult> = {}): PoshResult {
  return {
    domain: DOMAIN,
    status,
    format: status === 'absent' || status === 'error' || status === 'skipped' ? null : 'rfc7711',
    steps: STEP_FOR[status],
    expires: status === 'verified' || status === 'mismatch' ? '2025-06-08T12:00:00.000Z' : null,
    match: status === 'verified' ? { hash: 'sha-256', fingerprint: cert.sha256, url: RFC_URL } : null,
    reason: `POSH said ${status}.`,
    ...overrides,
  };
}

export function pinFor(cert: CertificateSummary, overrides: Partial<Pin> = {}): Pin {
  return {
    domain: DOMAIN,
    service: 'xmpp-client',
    spkiSha256: cert.spkiSha256,
    certificate: cert,
    approvedAt: '2025-03-04T10:00:00.000Z',
    approvedHow: 'pinned',
    lastSeenAt: '2025-05-30T10:00:00.000Z',
    mismatchSince: null,
    ...overrides,
  };
}

/** The user's pin for the presented key. */
export const pinMatch = (cert: CertificateSummary): PinCheck => ({ status: 'match', pin: pinFor(cert) });

export const OLD_PINNED_KEY = 'b2xkLXBpbm5lZC1rZXktc3BraS1zaGEyNTY=';

/** The user's pin for some other key than the presented one. */
export const pinMismatch = (): PinCheck => ({
  status: 'mismatch',
  pin: pinFor(certificate({ spkiSha256: OLD_PINNED_KEY, sha256: 'b2xkLWNlcnQ=' })),
});

export function input(overrides: Partial<TrustInput> = {}): TrustInput {
  const cert = overrides.certificate ?? DOMAIN_CERT;
  return {
    domain: DOMAIN,
    endpoint: SRV_ENDPOINT,
    certificate: cert,
    chain: [cert],
    pkix: PKIX_OK,
    posh: posh('absent', cert),
    pin: { status: 'none' },
    acceptedOnce: false,
    now: NOW,
    ...overrides,
  };
}
