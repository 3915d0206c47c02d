import { describe, expect, it } from 'vitest';
import { asciiDomain } from '../../../app/domain/address/domain-name.js';

describe('asciiDomain (host names as DNS wants them)', () => {
  it('lower-cases and drops one trailing dot', () => {
    expect(asciiDomain('Chat.Example.COM.')).toBe('chat.example.com');
  });

  it('converts U-labels to A-labels (RFC 3492: bücher → xn--bcher-kva)', () => {
    expect(asciiDomain('Bücher.example')).toBe('xn--bcher-kva.example');
    expect(asciiDomain('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });

  it.each([
    ['empty', ''],
    ['a space', 'exa mple.com'],
    ['a path (domainToASCII alone would keep only "example.com")', 'example.com/evil'],
    ['percent-encoding (domainToASCII alone would decode it)', 'ex%61mple.com'],
    ['a port', 'example.com:5222'],
    ['an empty label', 'a..example'],
    ['a leading hyphen', '-bad.example'],
    ['a trailing hyphen', 'bad-.example'],
    ['a label over 63 octets', `${'a'.repeat(64)}.example`],
    ['an underscore (not a host name)', '_xmpp-client._tcp.example.com'],
    ['a number URL parsers would rewrite as an address ("1.2.0.3")', '1.2.3'],
    ['a hexadecimal address form', '0x7f.1'],
    ['an invalid Punycode A-label', 'xn--zz.example'],
  ])('rejects %s', (_why, name) => {
    expect(asciiDomain(name)).toBeNull();
  });

  it('rejects a name over 253 octets', () => {
    const label = 'a'.repeat(63);
    expect(asciiDomain([label, label, label, label].join('.'))).toBeNull();
    expect(asciiDomain([label, label, label, 'a'.repeat(61)].join('.'))).toHaveLength(253);
  });
});

