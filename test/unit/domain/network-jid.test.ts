import { describe, expect, it } from 'vitest';
import { bareJidOrNull as bareOf, jidOrNull as parseJid, requireBareJid } from '../../../app/domain/address/jid.js';

describe('JIDs from the network (RFC 7622)', () => {
  it('splits local, domain and resource, the resource after the first slash', () => {
    expect(parseJid('juliet@example.com/foo/bar')).toEqual({
      local: 'juliet',
      domain: { ascii: 'example.com', unicode: 'example.com' },
      resource: 'foo/bar',
      bare: 'juliet@example.com',
      full: 'juliet@example.com/foo/bar',
    });
    expect(parseJid('example.com')).toMatchObject({ local: null, domain: { ascii: 'example.com' }, resource: null, bare: 'example.com' });
    // '@' after the first '/' belongs to the resource (RFC 7622 §3.1 examples).
    expect(parseJid('example.com/foo@bar')).toMatchObject({ local: null, resource: 'foo@bar' });
  });

  it('compares local part and domain case-insensitively, the resource exactly', () => {
    expect(parseJid('Juliet@Example.COM./Balcony')?.full).toBe('juliet@example.com/Balcony');
    expect(bareOf('ROMEO@example.net/x')).toBe('romeo@example.net');
  });

  it.each([[''], ['@example.com'], ['juliet@'], ['juliet@example.com/'], ['ju liet@example.com'], ['a@b@c'], ['"juliet"@example.com'], ['juliet@exa mple.com'], ['x'.repeat(1024) + '@example.com'], ['juliet@example.com/\u0007']])(
    'rejects %j',
    (input) => {
      expect(parseJid(input)).toBeNull();
    },
  );

  it('rejects missing values without throwing', () => {
    expect(parseJid(undefined)).toBeNull();
    expect(parseJid(null)).toBeNull();
  });

  it('requireBareJid throws for a full JID, for code paths where the caller must pass a bare one', () => {
    expect(requireBareJid('Romeo@Example.net')).toBe('romeo@example.net');
    expect(() => requireBareJid('romeo@example.net/orchard')).toThrow(/bare JID/);
  });
});
