import { describe, expect, it } from 'vitest';
import { asciiDomain } from '../../../../app/domain/address/domain-name.js';
import { poshWellKnownUrl } from '../../../../main/trust/posh/well-known.js';

/** POSH builds its URL from the A-label the one address parser gives (posh.md §8). */
describe('the domain in a POSH URL', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('%j becomes the A-label %j', (input, expected) => {
    expect(asciiDomain(input)).toBe(expected);
  });

  it.each(['', 'a/b', 'example.com/evil', 'a?b', 'a#b', 'a\\b', 'user@example.com', 'example.com:443', '[::1]', 'exa mple.com', 'a..b', '.', 'a%2fb'])(
    'refuses %j rather than building a URL from part of it',
    (input) => {
      expect(asciiDomain(input)).toBeNull();
    },
  );

  it('refuses a label longer than 63 octets', () => {
    expect(asciiDomain(`${'a'.repeat(64)}.example`)).toBeNull();
    expect(asciiDomain(`${'a'.repeat(63)}.example`)).not.toBeNull();
  });
});

describe('poshWellKnownUrl', () => {
  it('RFC 7711: service name without underscores', () => {
    expect(poshWellKnownUrl('example.com', 'rfc7711').href).toBe('https://example.com/.well-known/posh/xmpp-client.json');
  });
  it('seed draft: the SRV-style name', () => {
    expect(poshWellKnownUrl('example.com', 'seed').href).toBe('https://example.com/.well-known/posh._xmpp-client._tcp.json');
  });
});
