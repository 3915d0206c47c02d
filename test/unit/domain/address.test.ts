/**
 * The one address model (app/domain/address/). The first block holds the defects that four disagreeing
 * normalisers caused before it existed: each case failed somewhere in the old code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomain, sameDomain } from '../../../app/domain/address/domain-name.js';
import { bareJidOrNull, jidOrNull, parseBareJid, parseJid, sameBareJid } from '../../../app/domain/address/jid.js';

const account = (input: string) => {
  const parsed = parseBareJid(input);
  if (!parsed.ok) throw new Error(`expected ${input} to parse: ${parsed.problem.message}`);
  return parsed.value;
};
const problemOf = (input: string) => {
  const parsed = parseBareJid(input);
  return parsed.ok ? null : parsed.problem.kind;
};

describe('defects of the old normalisers', () => {
  it('never turns "1.2.3" into the IPv4 address 1.2.0.3: a numeric domain is refused', () => {
    expect(problemOf('u@1.2.3')).toBe('ip-literal');
    expect(problemOf('u@1.2.3.4')).toBe('ip-literal');
    expect(problemOf('u@example.123')).toBe('ip-literal');
  });

  it('never percent-decodes: exa%6dple.com is not example.com', () => {
    expect(problemOf('u@exa%6dple.com')).toBe('invalid-domain');
  });

  it('never cuts the domain at a slash, backslash, query or fragment', () => {
    for (const domain of ['a\\b.com', 'a?b.com', 'a#b.com']) expect(problemOf(`u@${domain}`)).toBe('invalid-domain');
    expect(problemOf('u@a.com/x')).toBe('has-resource');
  });

  it('accepts full-width letters as RFC 7622 §3.2.1 maps them, in the domain and the local part', () => {
    const jid = account('ａｌｉｃｅ@ＥＸＡＭＰＬＥ.com');
    expect(jid.bare).toBe('alice@example.com');
    expect(jid.domain.ascii).toBe('example.com');
  });

  it('splits at the first @ (RFC 7622 §3.1) and says so when there is a second one', () => {
    const parsed = parseBareJid('a@b@example.com');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.message).toContain('only one @');
  });
});

describe('domain names', () => {
  it('gives A-label and U-label forms of one IDN, whichever was typed', () => {
    for (const typed of ['bücher.test', 'BÜCHER.Test', 'xn--bcher-kva.test', 'XN--BCHER-KVA.TEST', 'bücher.test.', 'bücher。test']) {
      const parsed = parseDomain(typed);
      expect(parsed.ok, typed).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual({ ascii: 'xn--bcher-kva.test', unicode: 'bücher.test' });
    }
  });

  it('keeps IDNA2008 deviations (ß stays ß, not ss)', () => {
    const parsed = parseDomain('straße.de');
    expect(parsed.ok && parsed.value).toEqual({ ascii: 'xn--strae-oqa.de', unicode: 'straße.de' });
  });

  it('refuses invalid Punycode, reserved hyphens, underscores, empty labels and over-long labels', () => {
    for (const bad of ['xn--zz.test', 'ab--cd.test', '-a.test', 'a-.test', 'a_b.test', 'a..b', '.a', `${'a'.repeat(64)}.test`, '']) {
      expect(parseDomain(bad).ok, bad).toBe(false);
    }
  });

  it('refuses IP literals unless asked to accept them (a certificate can never prove an address)', () => {
    expect(parseDomain('[::1]').ok).toBe(false);
    expect(parseDomain('192.0.2.1').ok).toBe(false);
    expect(parseDomain('[::1]', { allowIpLiteral: true })).toEqual({ ok: true, value: { ascii: '[::1]', unicode: '[::1]' } });
  });

  it('compares domains as A-labels', () => {
    expect(sameDomain('Bücher.test', 'xn--bcher-kva.test')).toBe(true);
    expect(sameDomain('example.com', 'example.org')).toBe(false);
    expect(sameDomain('not a domain', 'not a domain')).toBe(false);
  });

  it('round-trips: the A-label of the U-label is the A-label (property)', () => {
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöüßéèçñåøæłπσβяжкщ'.split(''));
    const label = fc.array(letter, { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
    const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('test', 'example', 'com')).map(([labels, tld]) => [...labels, tld].join('.'));
    fc.assert(
      fc.property(domain, (name) => {
        const first = parseDomain(name);
        if (!first.ok) return true; // mixed scripts may fail the bidi rule; that is a refusal, not a drift
        const again = parseDomain(first.value.ascii);
        const fromUnicode = parseDomain(first.value.unicode);
        return again.ok && fromUnicode.ok && again.value.ascii === first.value.ascii && fromUnicode.value.unicode === first.value.unicode;
      }),
    );
  });
});

describe('JIDs', () => {
  it('parses local, domain and resource per RFC 7622 §3.1', () => {
    const parsed = parseJid('Juliet@Example.com/Balcony/Left');
    expect(parsed.ok && parsed.value).toMatchObject({ local: 'juliet', resource: 'Balcony/Left', bare: 'juliet@example.com', full: 'juliet@example.com/Balcony/Left' });
  });

  it('the account typed in U-labels or A-labels is the same account, shown in U-labels', () => {
    expect(account('alice@xn--bcher-kva.test').bare).toBe('alice@bücher.test');
    expect(account('Alice@BÜCHER.test').bare).toBe('alice@bücher.test');
    expect(account('alice@bücher.test').domain.ascii).toBe('xn--bcher-kva.test');
  });

  it('explains what is wrong with an account address in plain words', () => {
    expect(problemOf('')).toBe('empty');
    expect(problemOf('alice example.com')).toBe('has-space');
    expect(problemOf('example.com')).toBe('missing-local');
    expect(problemOf('@example.com')).toBe('missing-local');
    expect(problemOf('alice@')).toBe('missing-domain');
    expect(problemOf('al:ice@example.com')).toBe('invalid-local');
    expect(problemOf(`${'a'.repeat(4000)}@example.com`)).toBe('too-long');
    expect(problemOf('  alice@example.com  ')).toBeNull();
  });

  it('from the network: never throws, null for nonsense, IP-literal domains allowed', () => {
    for (const bad of [null, undefined, '', '@', 'a@', 'a@b/', 'a\u0000b@example.com', 'a@exa mple.com']) expect(jidOrNull(bad)).toBeNull();
    expect(jidOrNull('room@[::1]/nick')?.bare).toBe('room@[::1]');
    expect(bareJidOrNull('Bob@Example.COM/phone')).toBe('bob@example.com');
  });

  it('compares bare JIDs canonically', () => {
    expect(sameBareJid('bob@xn--bcher-kva.test/x', 'BOB@bücher.test')).toBe(true);
    expect(sameBareJid('bob@example.com', 'bob@example.org')).toBe(false);
    expect(sameBareJid('nonsense@', 'nonsense@')).toBe(false);
  });
});
