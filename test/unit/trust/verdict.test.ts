/**
 * The verdict's edge cases: POSH only while the certificate is valid (posh.md §5), fail-closed handling of
 * inconsistent inputs, warnings, and the delegation story and summary the UI shows (trust-ux.md).
 */
import { describe, expect, it } from 'vitest';
import type { PoshResult } from '../../../app/domain/trust.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import {
  DOMAIN_CERT,
  HOSTING_CERT,
  NOW,
  OLD_PINNED_KEY,
  PKIX_CHAIN_ONLY,
  PKIX_NONE,
  PKIX_OK,
  RFC_URL,
  SELF_SIGNED_HOSTING_CERT,
  certificate,
  input,
  pinFor,
  pinMatch,
  pinMismatch,
  posh,
} from './verdict-fixtures.js';

const selfSignedPosh = (overrides: Partial<PoshResult> = {}) =>
  input({
    certificate: SELF_SIGNED_HOSTING_CERT,
    chain: [SELF_SIGNED_HOSTING_CERT],
    pkix: PKIX_NONE,
    posh: posh('verified', SELF_SIGNED_HOSTING_CERT, overrides),
  });

describe('POSH verification', () => {
  it('proves a delegation to the hosting provider and says so in plain words', () => {
    const verdict = decideTrust(selfSignedPosh());
    expect(verdict).toMatchObject({ verified: true, method: 'posh', undecided: null });
    expect(verdict.warnings).toContain('delegated-host');
    expect(verdict.warnings).not.toContain('weak-hash-sha1');
    // posh.md §5's own wording.
    expect(verdict.summary).toBe('example.com delegates its chat service to hosting.example.net (proved by POSH).');
    const fingerprint = verdict.delegation.find((s) => s.kind === 'fingerprint');
    expect(fingerprint?.detail).toContain(SELF_SIGNED_HOSTING_CERT.sha256);
    expect(fingerprint?.detail).toContain(RFC_URL);
    expect(fingerprint?.authenticated).toBe(true);
  });

  it('does not warn of delegation when the certificate names the domain itself', () => {
    const cert = certificate({ issuer: 'CN=example.com', selfIssued: true });
    const verdict = decideTrust(
      input({
        certificate: cert,
        pkix: { ...PKIX_NONE, nameOk: true, matchedName: { type: 'dns-id', value: 'example.com' } },
        posh: posh('verified', cert),
      }),
    );
    expect(verdict.method).toBe('posh');
    expect(verdict.warnings).not.toContain('delegated-host');
    expect(verdict.warnings).toContain('self-signed');
    expect(verdict.summary).not.toContain('delegates');
  });

  it('marks a seed-format SHA-1 (x5t) match as weak', () => {
    const verdict = decideTrust(
      selfSignedPosh({ format: 'seed', match: { hash: 'sha-1', fingerprint: 'UpjRI_A3afKE8_AIeTZ5o1dECTY', url: RFC_URL } }),
    );
    expect(verdict.method).toBe('posh');
    expect(verdict.warnings).toContain('weak-hash-sha1');
    expect(verdict.summary).toContain('SHA-1');
    expect(verdict.delegation.find((s) => s.kind === 'fingerprint')?.label).toContain('SHA-1, seed format');
  });

  it('never counts a match for an expired certificate', () => {
    const expired = { ...SELF_SIGNED_HOSTING_CERT, notAfter: '2025-05-31T23:59:59.000Z' };
    const verdict = decideTrust(input({ certificate: expired, pkix: PKIX_NONE, posh: posh('verified', expired) }));
    expect(verdict).toMatchObject({ verified: false, method: null, undecided: 'untrusted-certificate' });
    expect(verdict.warnings).toContain('expired-certificate');
    expect(verdict.summary).toContain('has expired');
    expect(verdict.delegation.some((s) => s.kind === 'fingerprint')).toBe(false);
  });

  it('never counts a match for a certificate that is not valid yet', () => {
    const early = { ...SELF_SIGNED_HOSTING_CERT, notBefore: '2025-06-02T00:00:00.000Z' };
    const verdict = decideTrust(input({ certificate: early, pkix: PKIX_NONE, posh: posh('verified', early) }));
    expect(verdict.verified).toBe(false);
    expect(verdict.warnings).toContain('not-yet-valid-certificate');
  });

  it('treats the validity period as inclusive at both ends', () => {
    const endsNow = { ...SELF_SIGNED_HOSTING_CERT, notAfter: NOW.toISOString() };
    expect(decideTrust(input({ certificate: endsNow, pkix: PKIX_NONE, posh: posh('verified', endsNow) })).method).toBe('posh');
    const startsNow = { ...SELF_SIGNED_HOSTING_CERT, notBefore: NOW.toISOString() };
    expect(decideTrust(input({ certificate: startsNow, pkix: PKIX_NONE, posh: posh('verified', startsNow) })).method).toBe(
      'posh',
    );
  });

  it('ignores a verified POSH result that belongs to another domain', () => {
    expect(decideTrust(selfSignedPosh({ domain: 'attacker.example' })).verified).toBe(false);
    // Strings a URL host parser would turn into "example.com" are still another domain.
    expect(decideTrust(selfSignedPosh({ domain: 'example.com/attacker' })).verified).toBe(false);
    expect(decideTrust(selfSignedPosh({ domain: 'ex%61mple.com' })).verified).toBe(false);
  });

  it('ignores a "verified" POSH result that carries no match', () => {
    const verdict = decideTrust(selfSignedPosh({ match: null }));
    expect(verdict.verified).toBe(false);
  });

  it('compares the POSH domain as an A-label', () => {
    const verdict = decideTrust({ ...selfSignedPosh({ domain: 'xn--bcher-kva.example' }), domain: 'Bücher.example' });
    expect(verdict.method).toBe('posh');
  });

  it('reports a POSH mismatch even when PKIX verified the server', () => {
    const verdict = decideTrust(input({ posh: posh('mismatch', DOMAIN_CERT) }));
    expect(verdict.method).toBe('pkix');
    expect(verdict.warnings).toEqual(['posh-mismatch']);
  });

  it('lets the user pin despite a POSH mismatch, keeping the warning', () => {
    const verdict = decideTrust(
      input({ certificate: HOSTING_CERT, pkix: PKIX_CHAIN_ONLY, posh: posh('mismatch', HOSTING_CERT), pin: pinMatch(HOSTING_CERT) }),
    );
    expect(verdict.method).toBe('pin');
    expect(verdict.warnings).toContain('posh-mismatch');
  });
});

describe('PKIX', () => {
  it('does not trust an inconsistent result that claims ok without a trusted chain', () => {
    const verdict = decideTrust(input({ pkix: { ...PKIX_OK, chainOk: false } }));
    expect(verdict.verified).toBe(false);
    expect(verdict.undecided).toBe('untrusted-certificate');
  });

  it('does not call a self-issued certificate that chains to a trusted root "self-signed"', () => {
    const root = certificate({ issuer: 'CN=example.com', selfIssued: true });
    const verdict = decideTrust(input({ certificate: root }));
    expect(verdict.method).toBe('pkix');
    expect(verdict.warnings).toEqual([]);
  });

  it('names an unknown issuer for a certificate that is not self-signed', () => {
    const verdict = decideTrust(input({ pkix: { ...PKIX_NONE, nameOk: true, error: 'Unknown issuer.' } }));
    expect(verdict.undecided).toBe('untrusted-certificate');
    expect(verdict.warnings).toEqual(['untrusted-issuer']);
    expect(verdict.summary).toContain('not from a trusted authority');
  });

  it('asks about a delegated host when the chain is trusted but the names are for another host', () => {
    const verdict = decideTrust(input({ certificate: HOSTING_CERT, pkix: PKIX_CHAIN_ONLY }));
    expect(verdict.undecided).toBe('delegated-host');
    // trust-ux.md's headline, followed by the case's explanation.
    expect(verdict.summary.startsWith('chat.example.com could not prove it is the server for example.com:')).toBe(true);
    expect(verdict.summary).toContain('hosting.example.net');
    expect(verdict.summary).toContain('publishes no POSH');
  });
});

describe('pins', () => {
  it('does not trust a pin reported as a match whose key differs from the presented one', () => {
    const wrong = { status: 'match' as const, pin: pinFor(HOSTING_CERT) };
    const verdict = decideTrust(input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, pin: wrong }));
    expect(verdict.verified).toBe(false);
    expect(verdict.undecided).toBe('key-changed');
  });

  it('ignores a pin for another domain', () => {
    const other = { status: 'mismatch' as const, pin: pinFor(HOSTING_CERT, { domain: 'other.example' }) };
    const verdict = decideTrust(input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, pin: other }));
    expect(verdict.undecided).toBe('untrusted-certificate');
    expect(verdict.warnings).not.toContain('key-changed');
    expect(verdict.delegation.some((s) => s.kind === 'pin')).toBe(false);
  });

  it('does not warn "key changed" when PKIX vouches for the new key', () => {
    const verdict = decideTrust(input({ pin: pinMismatch() }));
    expect(verdict.method).toBe('pkix');
    expect(verdict.warnings).not.toContain('key-changed');
  });

  it('does not warn "key changed" when POSH vouches for the new key', () => {
    const verdict = decideTrust({ ...selfSignedPosh(), pin: pinMismatch() });
    expect(verdict.method).toBe('posh');
    expect(verdict.warnings).not.toContain('key-changed');
  });

  it('shows old and new keys when the pinned key changed', () => {
    const verdict = decideTrust(input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, pin: pinMismatch() }));
    expect(verdict.undecided).toBe('key-changed');
    const step = verdict.delegation.find((s) => s.kind === 'pin');
    expect(step?.authenticated).toBe(false);
    expect(step?.detail).toContain(OLD_PINNED_KEY);
    expect(step?.detail).toContain(SELF_SIGNED_HOSTING_CERT.spkiSha256);
    expect(verdict.summary).toContain('2025-03-04');
  });

  it('a matching pin vouches and is dated in the summary', () => {
    const verdict = decideTrust(
      input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, pin: pinMatch(SELF_SIGNED_HOSTING_CERT) }),
    );
    expect(verdict.method).toBe('pin');
    expect(verdict.summary).toContain('2025-03-04');
    expect(verdict.delegation.find((s) => s.kind === 'pin')?.authenticated).toBe(true);
  });
});

describe('accepted once', () => {
  it('is recorded as the user going ahead without proof, with the warnings kept', () => {
    const verdict = decideTrust(
      input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, pin: pinMismatch(), acceptedOnce: true }),
    );
    expect(verdict.method).toBe('accepted-once');
    expect(verdict.warnings).toEqual(expect.arrayContaining(['key-changed', 'self-signed', 'delegated-host']));
    expect(verdict.summary).toContain('without proof');
    expect(verdict.delegation.find((s) => s.kind === 'certificate')?.authenticated).toBe(false);
  });
});

describe('the delegation story', () => {
  it('has no SRV step when the domain was dialled directly, and says so', () => {
    const verdict = decideTrust(input({ endpoint: { host: 'example.com', port: 5222, directTls: false, source: 'domain' } }));
    expect(verdict.delegation.map((s) => s.kind)).not.toContain('srv');
    expect(verdict.delegation[0]?.detail).toContain('example.com:5222');
  });

  it('has no SRV step for a configured server, and names it', () => {
    const verdict = decideTrust(
      input({ endpoint: { host: 'xmpp.example.org', port: 5223, directTls: true, source: 'configured' } }),
    );
    expect(verdict.delegation.map((s) => s.kind)).not.toContain('srv');
    expect(verdict.delegation[0]?.detail).toContain('xmpp.example.org:5223');
  });

  it('marks POSH requests that got no authenticated answer as not authenticated', () => {
    const verdict = decideTrust(input({ posh: posh('error', DOMAIN_CERT) }));
    const step = verdict.delegation.find((s) => s.kind === 'posh');
    expect(step?.label).toContain(RFC_URL);
    expect(step?.authenticated).toBe(false);
  });

  it('falls back to POSH\'s own reason when it made no request', () => {
    const verdict = decideTrust(input({ posh: { ...posh('error', DOMAIN_CERT), steps: [], reason: 'POSH lookup skipped.' } }));
    const steps = verdict.delegation.filter((s) => s.kind === 'posh');
    expect(steps).toHaveLength(1);
    expect(steps[0]?.detail).toBe('POSH lookup skipped.');
  });

  it('lists every certificate name, including SRV-ID and XmppAddr', () => {
    const cert = certificate({
      names: { dns: ['a.example.net'], srv: ['_xmpp-client.example.com'], xmppAddr: ['example.com'], commonNames: ['cn.example'] },
    });
    const step = decideTrust(input({ certificate: cert })).delegation.find((s) => s.kind === 'certificate');
    expect(step?.label).toContain('a.example.net');
    expect(step?.label).toContain('_xmpp-client.example.com');
    expect(step?.label).toContain('example.com');
    // Common names are shown only when the certificate has no subjectAltName of the kinds XMPP uses.
    expect(step?.label).not.toContain('cn.example');
  });
});

describe('the verdict record', () => {
  it('carries the inputs, the service and the time it was checked', () => {
    const given = input({ posh: posh('absent', DOMAIN_CERT) });
    const verdict = decideTrust(given);
    expect(verdict).toMatchObject({
      domain: 'example.com',
      service: 'xmpp-client',
      endpoint: given.endpoint,
      certificate: given.certificate,
      chain: given.chain,
      pkix: given.pkix,
      posh: given.posh,
      pin: given.pin,
      checkedAt: '2025-06-01T12:00:00.000Z',
    });
  });
});
