import { describe, expect, it } from 'vitest';
import type { CertificateNames } from '../../../app/domain/certificate.js';
import { describeChainError, evaluatePkix } from '../../../main/trust/pkix.js';

const names = (partial: Partial<CertificateNames>): CertificateNames => ({
  dns: [],
  srv: [],
  xmppAddr: [],
  commonNames: [],
  ...partial,
});

describe('evaluatePkix', () => {
  it('passes only when the chain is authorized and a name matches the JID domain', () => {
    expect(
      evaluatePkix({ chainAuthorized: true, chainError: null, names: names({ dns: ['example.com'] }), domain: 'example.com' }),
    ).toEqual({ ok: true, chainOk: true, nameOk: true, matchedName: { type: 'dns-id', value: 'example.com' }, error: null });
  });

  it('reports the matched SRV-ID or XmppAddr', () => {
    expect(
      evaluatePkix({ chainAuthorized: true, chainError: null, names: names({ srv: ['_xmpp-client.example.com'] }), domain: 'example.com' })
        .matchedName,
    ).toEqual({ type: 'srv-id', value: '_xmpp-client.example.com' });
    expect(
      evaluatePkix({ chainAuthorized: true, chainError: null, names: names({ xmppAddr: ['example.com'] }), domain: 'example.com' })
        .matchedName,
    ).toEqual({ type: 'xmpp-addr', value: 'example.com' });
  });

  it('a trusted chain for the hosting provider does not prove the hosted domain', () => {
    const result = evaluatePkix({
      chainAuthorized: true,
      chainError: null,
      names: names({ dns: ['hosting.example.net'] }),
      domain: 'example.com',
    });
    expect(result).toMatchObject({ ok: false, chainOk: true, nameOk: false, matchedName: null });
    expect(result.error).toContain('not for example.com');
    expect(result.error).toContain('hosting.example.net');
  });

  it('a matching name on an untrusted chain fails, in plain words', () => {
    const result = evaluatePkix({
      chainAuthorized: false,
      chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      names: names({ dns: ['example.com'] }),
      domain: 'example.com',
    });
    expect(result).toMatchObject({ ok: false, chainOk: false, nameOk: true, matchedName: { type: 'dns-id', value: 'example.com' } });
    expect(result.error).toContain('self-signed');
    expect(result.error).not.toContain('DEPTH_ZERO');
  });

  it('both failures are explained together', () => {
    const result = evaluatePkix({
      chainAuthorized: false,
      chainError: 'CERT_HAS_EXPIRED',
      names: names({ dns: ['other.example'] }),
      domain: 'example.com',
    });
    expect(result).toMatchObject({ ok: false, chainOk: false, nameOk: false });
    expect(result.error).toContain('expired');
    expect(result.error).toContain('not for example.com');
  });

  it('fails closed on contradictory socket state', () => {
    // authorized with an error, or unauthorized without one: neither counts as a trusted chain.
    const withError = evaluatePkix({ chainAuthorized: true, chainError: 'CERT_REVOKED', names: names({ dns: ['example.com'] }), domain: 'example.com' });
    expect(withError).toMatchObject({ ok: false, chainOk: false });
    expect(withError.error).toContain('revoked');
    const noReason = evaluatePkix({ chainAuthorized: false, chainError: null, names: names({ dns: ['example.com'] }), domain: 'example.com' });
    expect(noReason).toMatchObject({ ok: false, chainOk: false });
    expect(noReason.error).toContain('no reason');
  });

  it('an invalid JID domain never passes', () => {
    const result = evaluatePkix({ chainAuthorized: true, chainError: null, names: names({ dns: ['a'] }), domain: 'a/b' });
    expect(result).toMatchObject({ ok: false, nameOk: false });
    expect(result.error).toContain('not a valid domain name');
  });

  it('a common name alone is not accepted', () => {
    const result = evaluatePkix({ chainAuthorized: true, chainError: null, names: names({ commonNames: ['example.com'] }), domain: 'example.com' });
    expect(result).toMatchObject({ ok: false, chainOk: true, nameOk: false });
    expect(result.error).toContain('common name');
  });
});

describe('describeChainError', () => {
  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed', /self-signed/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed', /self-signed authority/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'untrusted-issuer', /not issued by an authority this computer trusts/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'untrusted-issuer', /no chain leading to a trusted root/],
    ['CERT_HAS_EXPIRED', 'expired-certificate', /expired/],
    ['CERT_NOT_YET_VALID', 'not-yet-valid-certificate', /not valid yet/],
    ['CERT_SIGNATURE_FAILURE', null, /signature .* invalid/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', null, /not trusted/],
  ] as const)('%s', (code, warning, message) => {
    const description = describeChainError(code);
    expect(description.warning).toBe(warning);
    expect(description.message).toMatch(message);
    expect(description.message).not.toContain(code);
  });

  it('unknown codes are named, never treated as success, and cannot reach Object.prototype', () => {
    expect(describeChainError('SOMETHING_NEW').message).toContain('SOMETHING_NEW');
    for (const code of ['constructor', '__proto__', 'toString']) {
      const description = describeChainError(code);
      expect(typeof description.message).toBe('string');
      expect(description.message).toContain('not accepted');
    }
  });

  it('hostile characters in an unknown code are not echoed', () => {
    expect(describeChainError('X\u202eY\n').message).not.toMatch(/[\u202e\n]/);
  });
});
