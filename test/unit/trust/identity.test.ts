import { describe, expect, it } from 'vitest';
import type { CertificateNames } from '../../../app/domain/certificate.js';
import { parseDomain } from '../../../app/domain/address/domain-name.js';
import { matchXmppServerIdentity } from '../../../main/trust/identity.js';

// Expectations follow RFC 9525 §6.3 and docs/posh.md §7.4a / §8, not the code's output.

const names = (partial: Partial<CertificateNames>): CertificateNames => ({
  dns: [],
  srv: [],
  xmppAddr: [],
  commonNames: [],
  ...partial,
});

type Row = readonly [description: string, certificate: Partial<CertificateNames>, domain: string, expected: 'dns-id' | 'srv-id' | 'xmpp-addr' | null];

const table: readonly Row[] = [
  // DNS-ID, exact
  ['exact DNS-ID', { dns: ['example.com'] }, 'example.com', 'dns-id'],
  ['DNS-ID compared case-insensitively (domain upper case)', { dns: ['example.com'] }, 'EXAMPLE.Com', 'dns-id'],
  ['DNS-ID compared case-insensitively (certificate upper case)', { dns: ['Example.COM'] }, 'example.com', 'dns-id'],
  ['trailing dot on the domain ignored', { dns: ['example.com'] }, 'example.com.', 'dns-id'],
  ['trailing dot on the DNS-ID ignored', { dns: ['example.com.'] }, 'example.com', 'dns-id'],
  ['a parent domain is not the domain', { dns: ['example.com'] }, 'chat.example.com', null],
  ['a sub-domain is not the domain', { dns: ['chat.example.com'] }, 'example.com', null],
  ['suffix that is not a label boundary', { dns: ['ample.com'] }, 'example.com', null],
  ['Unicode case folding does not apply (KELVIN SIGN)', { dns: ['\u212Aey.example.com'] }, 'key.example.com', null],

  // Wildcards
  ['wildcard as the whole left-most label', { dns: ['*.example.com'] }, 'chat.example.com', 'dns-id'],
  ['wildcard matches case-insensitively', { dns: ['*.EXAMPLE.com'] }, 'Chat.Example.COM', 'dns-id'],
  ['wildcard matches exactly one label, not two', { dns: ['*.example.com'] }, 'a.chat.example.com', null],
  ['wildcard matches exactly one label, not zero', { dns: ['*.example.com'] }, 'example.com', null],
  ['no wildcard over a single-label suffix (*.com)', { dns: ['*.com'] }, 'example.com', null],
  ['a lone * matches nothing', { dns: ['*'] }, 'localhost', null],
  ['no partial wildcard (f*.example.com)', { dns: ['f*.example.com'] }, 'foo.example.com', null],
  ['no partial wildcard (*oo.example.com)', { dns: ['*oo.example.com'] }, 'foo.example.com', null],
  ['no partial wildcard (f*o.example.com)', { dns: ['f*o.example.com'] }, 'foo.example.com', null],
  ['no wildcard in a non-left-most label', { dns: ['chat.*.com'] }, 'chat.example.com', null],
  ['no second wildcard', { dns: ['*.*.example.com'] }, 'a.b.example.com', null],
  ['no wildcard embedded in an A-label', { dns: ['xn--*.example.com'] }, 'xn--bcher-kva.example.com', null],
  ['whole-label wildcard may stand for an A-label (RFC 9525 §6.3)', { dns: ['*.example.com'] }, 'bücher.example.com', 'dns-id'],

  // SRV-ID
  ['SRV-ID _xmpp-client.D', { srv: ['_xmpp-client.example.com'] }, 'example.com', 'srv-id'],
  ['SRV-ID compared case-insensitively', { srv: ['_XMPP-Client.Example.com'] }, 'example.COM', 'srv-id'],
  ['SRV-ID for another service is not accepted', { srv: ['_xmpp-server.example.com'] }, 'example.com', null],
  ['SRV-ID for direct TLS is not this service', { srv: ['_xmpps-client.example.com'] }, 'example.com', null],
  ['no wildcards in SRV-ID', { srv: ['_xmpp-client.*.com'] }, 'example.com', null],
  ['no wildcards in SRV-ID (left-most)', { srv: ['*.example.com'] }, 'chat.example.com', null],
  ['an SRV-ID is not a DNS-ID', { srv: ['example.com'] }, 'example.com', null],

  // XmppAddr
  ['XmppAddr equal to D', { xmppAddr: ['example.com'] }, 'example.com', 'xmpp-addr'],
  ['XmppAddr compared case-insensitively', { xmppAddr: ['Example.Com'] }, 'example.com', 'xmpp-addr'],
  ['no wildcards in XmppAddr', { xmppAddr: ['*.example.com'] }, 'chat.example.com', null],
  ['an XmppAddr holding a user JID does not name the server', { xmppAddr: ['alice@example.com'] }, 'example.com', null],
  ['XmppAddr in U-labels matches the A-label domain', { xmppAddr: ['bücher.example'] }, 'xn--bcher-kva.example', 'xmpp-addr'],

  // IDN
  ['U-label domain matches its xn-- DNS-ID', { dns: ['xn--bcher-kva.example'] }, 'bücher.example', 'dns-id'],
  ['U-label domain with upper case matches its xn-- DNS-ID', { dns: ['xn--bcher-kva.example'] }, 'BÜCHER.example', 'dns-id'],
  ['U-label domain matches its SRV-ID', { srv: ['_xmpp-client.xn--bcher-kva.example'] }, 'bücher.example', 'srv-id'],
  ['a U-label in a dNSName (not allowed in IA5String) never matches', { dns: ['bücher.example'] }, 'bücher.example', null],

  // SRV target host: never a reference identity
  ['certificate of the SRV target only', { dns: ['xmpp.hosting.example.net'], srv: ['_xmpp-client.hosting.example.net'] }, 'example.com', null],

  // Any one matching name suffices
  ['one of several names matches', { dns: ['other.example', 'example.com'] }, 'example.com', 'dns-id'],
];

describe('matchXmppServerIdentity', () => {
  it.each(table)('%s', (_description, certificate, domain, expected) => {
    const result = matchXmppServerIdentity(names(certificate), domain);
    if (expected === null) {
      expect(result.matched).toBe(false);
    } else {
      expect(result).toMatchObject({ matched: true, type: expected });
    }
  });

  it('reports the presented value exactly as the certificate carries it, and D as an A-label', () => {
    expect(matchXmppServerIdentity(names({ dns: ['*.Example.COM'] }), 'Chat.example.com')).toEqual({
      matched: true,
      domain: 'chat.example.com',
      type: 'dns-id',
      value: '*.Example.COM',
    });
    expect(matchXmppServerIdentity(names({ srv: ['_xmpp-client.XN--BCHER-KVA.example'] }), 'bücher.example')).toEqual({
      matched: true,
      domain: 'xn--bcher-kva.example',
      type: 'srv-id',
      value: '_xmpp-client.XN--BCHER-KVA.example',
    });
  });

  it('lists what the certificate names when nothing matches', () => {
    const result = matchXmppServerIdentity(
      names({ dns: ['hosting.example.net'], srv: ['_xmpp-client.hosting.example.net'], xmppAddr: ['hosting.example.net'], commonNames: ['hosting.example.net'] }),
      'example.com',
    );
    expect(result.matched).toBe(false);
    if (result.matched) return;
    expect(result.kind).toBe('no-match');
    expect(result.reason).toContain('example.com');
    expect(result.reason).toContain('DNS hosting.example.net');
    expect(result.reason).toContain('SRV _xmpp-client.hosting.example.net');
    expect(result.reason).toContain('XMPP hosting.example.net');
  });

  it('escapes control and bidi characters from the certificate in the reason', () => {
    const result = matchXmppServerIdentity(names({ dns: ['evil\u202e.example\n'] }), 'example.com');
    expect(result.matched).toBe(false);
    if (result.matched) return;
    expect(result.reason).not.toMatch(/[\u202e\n]/);
    expect(result.reason).toContain('\\u202e');
  });

  describe('common name (RFC 9525: never matched)', () => {
    it('a CN equal to D without any subjectAltName is not accepted, and says so', () => {
      const result = matchXmppServerIdentity(names({ commonNames: ['example.com'] }), 'example.com');
      expect(result).toMatchObject({ matched: false, kind: 'cn-only' });
      if (result.matched) return;
      expect(result.reason).toContain('only in its common name');
      expect(result.reason).toContain('not accepted');
    });

    it('a CN equal to D is ignored when subjectAltNames name something else', () => {
      const result = matchXmppServerIdentity(names({ dns: ['other.example'], commonNames: ['example.com'] }), 'example.com');
      expect(result).toMatchObject({ matched: false, kind: 'no-match' });
    });

    it('a CN naming something else is a plain mismatch', () => {
      const result = matchXmppServerIdentity(names({ commonNames: ['other.example'] }), 'example.com');
      expect(result).toMatchObject({ matched: false, kind: 'no-match' });
      if (result.matched) return;
      expect(result.reason).toContain('no DNS, SRV or XMPP names');
    });
  });

  describe('reference domain', () => {
    it.each([
      ['', 'empty'],
      ['.', 'only the root'],
      ['example..com', 'empty label'],
      ['example.com..', 'two trailing dots'],
      ['a/b.example', 'a slash (the URL parser would cut at it)'],
      ['ex%41mple.com', 'percent escapes (the URL parser would decode them)'],
      ['alice@example.com', 'a JID with a local part'],
      ['exa mple.com', 'a space'],
      ['exa_mple.com', 'an underscore'],
      ['-example.com', 'a label starting with a hyphen'],
      ['xn--zz.com', 'an invalid A-label'],
      ['127.0.0.1', 'an IPv4 address'],
      ['1.2.3', 'a short IPv4 form'],
      ['[::1]', 'an IPv6 literal'],
      [`${'a'.repeat(64)}.com`, 'a label over 63 characters'],
    ])('rejects %j (%s)', (domain) => {
      const result = matchXmppServerIdentity(names({ dns: [domain, '*.com'], xmppAddr: [domain] }), domain);
      expect(result).toMatchObject({ matched: false, kind: 'invalid-domain' });
      expect(parseDomain(domain).ok).toBe(false);
    });

    it('converts to a lower-case A-label', () => {
      expect(parseDomain('Bücher.Example.')).toMatchObject({ ok: true, value: { ascii: 'xn--bcher-kva.example' } });
      expect(parseDomain('localhost')).toMatchObject({ ok: true, value: { ascii: 'localhost' } });
    });

    it('maps full-width letters and ideographic full stops as RFC 7622 §3.2.1 prepares a domainpart', () => {
      const certificate = names({ dns: ['example.com', 'a.b.com'] });
      expect(matchXmppServerIdentity(certificate, 'ｅｘａｍｐｌｅ.com')).toMatchObject({ matched: true, domain: 'example.com' });
      expect(matchXmppServerIdentity(certificate, 'a\u3002b.com')).toMatchObject({ matched: true, domain: 'a.b.com' });
    });
  });
});
