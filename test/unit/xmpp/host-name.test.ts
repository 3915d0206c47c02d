import { describe, expect, it } from 'vitest';
import { ipLiteral } from '../../../main/xmpp/host-name.js';

describe('ipLiteral', () => {
  it('recognises IPv4 and IPv6, with or without brackets', () => {
    expect(ipLiteral('192.0.2.1')).toEqual({ address: '192.0.2.1', family: 4 });
    expect(ipLiteral('2001:db8::1')).toEqual({ address: '2001:db8::1', family: 6 });
    expect(ipLiteral('[2001:db8::1]')).toEqual({ address: '2001:db8::1', family: 6 });
  });

  it('returns null for host names', () => {
    expect(ipLiteral('example.com')).toBeNull();
    expect(ipLiteral('1.2.3.4.example')).toBeNull();
  });
});
