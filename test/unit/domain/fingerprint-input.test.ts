/**
 * Fingerprints as people paste them: every honest form of the same SHA-256 reads as the same base64, and
 * each wrong form is refused with a typed kind and words that say what is wrong.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToColonHex, hexToBase64, parseFingerprint } from '../../../app/domain/fingerprint-input.js';

const digest = createHash('sha256').update('a public key').digest();
const base64 = digest.toString('base64');
const hex = digest.toString('hex');
const colonHex = hex.toUpperCase().match(/../g)!.join(':');

describe('parseFingerprint', () => {
  it.each([
    ['colon hex as openssl prints it', colonHex],
    ['colon hex with the openssl label', `sha256 Fingerprint=${colonHex}`],
    ['lower-case colon hex', colonHex.toLowerCase()],
    ['plain hex', hex],
    ['upper-case plain hex with spaces and a newline', ` ${hex.toUpperCase().slice(0, 32)} ${hex.toUpperCase().slice(32)}\n`],
    ['standard base64', base64],
    ['base64 without padding', base64.replace(/=$/, '')],
    ['URL-safe base64', base64.replace(/\+/g, '-').replace(/\//g, '_')],
    ["OpenSSH's SHA256: prefix", `SHA256:${base64.replace(/=$/, '')}`],
    ['base64 grouped in fours, as the app shows it', base64.match(/.{1,4}/g)!.join(' ')],
  ])('reads %s', (_name, input) => {
    expect(parseFingerprint(input)).toEqual({ ok: true, base64 });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['AB:CD:E', 'not-hex'],
    ['AB:CD:ZZ', 'not-hex'],
    [hex.slice(0, 40), 'wrong-length'],
    ['not a fingerprint!', 'not-base64'],
    ['x'.repeat(500), 'too-long'],
  ] as const)('refuses %j as %s', (input, kind) => {
    const parsed = parseFingerprint(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem.kind).toBe(kind);
      expect(parsed.problem.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('names the SHA-1 case when 20 bytes are pasted', () => {
    const sha1 = createHash('sha1').update('a public key').digest('hex');
    const parsed = parseFingerprint(sha1);
    expect(parsed.ok ? null : parsed.problem.message).toContain('SHA-1');
  });
});

describe('base64ToColonHex', () => {
  it('prints the colon-separated upper-case hex openssl prints', () => {
    expect(base64ToColonHex(base64)).toBe(colonHex);
  });
});

describe('hexToBase64', () => {
  it('turns a stored SHA-256 hex digest into the base64 the window shows fingerprints from', () => {
    const digest = createHash('sha256').update('an authority').digest();
    expect(hexToBase64(digest.toString('hex'))).toBe(digest.toString('base64'));
    expect(hexToBase64(digest.toString('hex').toUpperCase())).toBe(digest.toString('base64'));
  });
});
