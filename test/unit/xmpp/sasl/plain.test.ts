import { describe, expect, it } from 'vitest';
import { SaslError } from '../../../../main/xmpp/sasl/mechanism.js';
import { createPlainExchange } from '../../../../main/xmpp/sasl/plain.js';

describe('PLAIN (RFC 4616)', () => {
  it('names its mechanism', () => {
    expect(createPlainExchange({ username: 'tim', password: 'tanstaaftanstaaf' }).mechanism).toBe('PLAIN');
  });

  it('sends NUL, the user name, NUL, the password (RFC 4616 §4 example without authzid)', () => {
    const initial = createPlainExchange({ username: 'tim', password: 'tanstaaftanstaaf' }).initial();
    const expected = [0x00, ...Buffer.from('tim', 'ascii'), 0x00, ...Buffer.from('tanstaaftanstaaf', 'ascii')];
    expect([...(initial ?? [])]).toEqual(expected);
  });

  it('encodes non-ASCII text as UTF-8', () => {
    const initial = createPlainExchange({ username: 'jürgen', password: 'pässword' }).initial();
    // ü = C3 BC, ä = C3 A4 in UTF-8.
    const expected = [0x00, 0x6a, 0xc3, 0xbc, 0x72, 0x67, 0x65, 0x6e, 0x00, 0x70, 0xc3, 0xa4, 0x73, 0x73, 0x77, 0x6f, 0x72, 0x64];
    expect([...(initial ?? [])]).toEqual(expected);
  });

  it('SASLpreps both fields like SCRAM does', () => {
    const initial = createPlainExchange({ username: 'I\u00ADX', password: 'a\u00A0b' }).initial();
    expect(new TextDecoder().decode(initial ?? new Uint8Array())).toBe('\0IX\0a b');
  });

  it.each([
    ['a NUL in the password (it would shift the fields)', { username: 'tim', password: 'a\u0000b' }],
    ['a NUL in the user name', { username: 'ti\u0000m', password: 'secret' }],
    ['an empty user name', { username: '', password: 'secret' }],
    ['an empty password', { username: 'tim', password: '' }],
  ])('refuses %s when created', (_case, credentials) => {
    expect(() => createPlainExchange(credentials)).toThrow(SaslError);
  });

  it('refuses any challenge', async () => {
    const exchange = createPlainExchange({ username: 'tim', password: 'secret' });
    exchange.initial();
    await expect(exchange.challenge(new Uint8Array([0x61]))).rejects.toBeInstanceOf(SaslError);
  });

  it('accepts <success> after the initial response', () => {
    const exchange = createPlainExchange({ username: 'tim', password: 'secret' });
    exchange.initial();
    expect(() => exchange.success(null)).not.toThrow();
  });

  it('refuses <success> before anything was sent', () => {
    const exchange = createPlainExchange({ username: 'tim', password: 'secret' });
    expect(() => exchange.success(null)).toThrow(SaslError);
  });

  it('refuses a second initial response', () => {
    const exchange = createPlainExchange({ username: 'tim', password: 'secret' });
    exchange.initial();
    expect(() => exchange.initial()).toThrow(SaslError);
  });
});
