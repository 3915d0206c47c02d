import { describe, expect, it } from 'vitest';
import { certificateHost, certificateNames, labelledNames, listNames } from '../../../app/domain/certificate-names.js';
import { certificate } from '../trust/verdict-fixtures.js';

const withNames = (names: Partial<ReturnType<typeof certificate>['names']>) =>
  certificate({ names: { dns: [], srv: [], xmppAddr: [], commonNames: [], ...names } });

describe('certificate names, as every part of the app words them', () => {
  it('lists subjectAltName names once each, and common names only when there is nothing else', () => {
    expect(certificateNames(withNames({ dns: ['a.test', 'b.test'], xmppAddr: ['a.test'], srv: ['_xmpp-client.a.test'], commonNames: ['cn.test'] }))).toEqual([
      'a.test',
      'b.test',
      '_xmpp-client.a.test',
    ]);
    expect(certificateNames(withNames({ commonNames: ['cn.test', 'cn.test'] }))).toEqual(['cn.test']);
    expect(certificateNames(withNames({}))).toEqual([]);
  });

  it('takes the host from the certificate: DNS name, then XMPP address, then the SRV-ID without its prefix, then CN', () => {
    expect(certificateHost(withNames({ dns: ['dns.test'], xmppAddr: ['xmpp.test'] }))).toBe('dns.test');
    expect(certificateHost(withNames({ xmppAddr: ['xmpp.test'], srv: ['_xmpp-client.srv.test'] }))).toBe('xmpp.test');
    expect(certificateHost(withNames({ srv: ['_XMPP-Client.srv.test'], commonNames: ['cn.test'] }))).toBe('srv.test');
    expect(certificateHost(withNames({ commonNames: ['cn.test'] }))).toBe('cn.test');
    expect(certificateHost(withNames({}))).toBeNull();
  });

  it('reads a list of names as a sentence, spelling out at most `max`', () => {
    expect(listNames([])).toBe('no names at all');
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b'])).toBe('a and b');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
    expect(listNames(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });

  it('labels each name with its kind, subjectAltName kinds first and common names last', () => {
    const labelled = labelledNames({ dns: ['d.test'], srv: ['_xmpp-client.s.test'], xmppAddr: ['x.test'], commonNames: ['c.test'] });
    expect(labelled.map((n) => `${n.kind.short}:${n.value}`)).toEqual(['DNS:d.test', 'SRV:_xmpp-client.s.test', 'XMPP:x.test', 'CN:c.test']);
    expect(labelled.map((n) => n.kind.long)).toEqual(['DNS name', 'XMPP service name', 'XMPP address', 'Common name']);
  });
});
