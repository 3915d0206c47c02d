import { describe, expect, it } from 'vitest';
import { SaslError } from '../../../../main/xmpp/sasl/mechanism.js';
import { saslPrep } from '../../../../main/xmpp/sasl/saslprep.js';

describe('saslPrep: the examples of RFC 4013 §3', () => {
  it.each([
    ['I\u00ADX', 'IX', '1: SOFT HYPHEN mapped to nothing'],
    ['user', 'user', '2: no transformation'],
    ['USER', 'USER', '3: case preserved, will not match #2'],
    ['\u00AA', 'a', '4: output is NFKC, input in ISO 8859-1'],
    ['\u2168', 'IX', '5: output is NFKC, will match #1'],
  ])('prepares %j as %j (%s)', (input, expected) => {
    expect(saslPrep(input, 'password')).toBe(expected);
  });

  it('refuses U+0007 (example 6: prohibited character)', () => {
    expect(() => saslPrep('\u0007', 'password')).toThrow(SaslError);
  });
});

describe('saslPrep: mapping (RFC 4013 §2.1)', () => {
  it.each([
    ['U+00A0 NO-BREAK SPACE', 'a\u00A0b'],
    ['U+1680 OGHAM SPACE MARK', 'a\u1680b'],
    ['U+2003 EM SPACE', 'a\u2003b'],
    ['U+202F NARROW NO-BREAK SPACE', 'a\u202Fb'],
    ['U+205F MEDIUM MATHEMATICAL SPACE', 'a\u205Fb'],
    ['U+3000 IDEOGRAPHIC SPACE', 'a\u3000b'],
  ])('maps %s (table C.1.2) to U+0020', (_name, input) => {
    expect(saslPrep(input, 'password')).toBe('a b');
  });

  it.each([
    ['U+034F COMBINING GRAPHEME JOINER', 'a\u034Fb'],
    ['U+1806 MONGOLIAN TODO SOFT HYPHEN', 'a\u1806b'],
    ['U+FE0F VARIATION SELECTOR-16', 'a\uFE0Fb'],
    // Also in the prohibited table C.2.2, but mapping comes before the prohibition check (RFC 3454 §3).
    ['U+200D ZERO WIDTH JOINER', 'a\u200Db'],
    ['U+FEFF ZERO WIDTH NO-BREAK SPACE', 'a\uFEFFb'],
    ['U+2060 WORD JOINER', 'a\u2060b'],
  ])('maps %s (table B.1) to nothing', (_name, input) => {
    expect(saslPrep(input, 'password')).toBe('ab');
  });

  it('keeps ASCII spaces and punctuation as they are', () => {
    expect(saslPrep(' p a=s,s ', 'password')).toBe(' p a=s,s ');
  });
});

describe('saslPrep: NFKC normalisation (RFC 4013 §2.2)', () => {
  it.each([
    ['a compatibility ligature', '\uFB01', 'fi'],
    ['full-width letters', '\uFF21\uFF22', 'AB'],
    ['a decomposed accent, composed', 'e\u0301', '\u00E9'],
    ['a precomposed accent, kept', '\u00E9', '\u00E9'],
  ])('normalises %s', (_name, input, expected) => {
    expect(saslPrep(input, 'user name')).toBe(expected);
  });
});

describe('saslPrep: prohibited output (RFC 4013 §2.3)', () => {
  it.each([
    ['U+0000 (C.2.1)', '\u0000'],
    ['U+001F (C.2.1)', '\u001F'],
    ['U+007F DELETE (C.2.1)', '\u007F'],
    ['U+0085 NEXT LINE (C.2.2)', '\u0085'],
    ['U+06DD (C.2.2)', '\u06DD'],
    ['U+2028 LINE SEPARATOR (C.2.2)', '\u2028'],
    ['U+1D173 MUSICAL SYMBOL BEGIN BEAM (C.2.2)', '\u{1D173}'],
    ['U+E000 private use (C.3)', '\uE000'],
    ['U+F0000 private use (C.3)', '\u{F0000}'],
    ['U+10FFFD private use (C.3)', '\u{10FFFD}'],
    ['U+FDD0 non-character (C.4)', '\uFDD0'],
    ['U+FFFE non-character (C.4)', '\uFFFE'],
    ['U+1FFFF non-character (C.4)', '\u{1FFFF}'],
    ['U+10FFFF non-character (C.4)', '\u{10FFFF}'],
    ['a lone high surrogate (C.5)', '\uD800'],
    ['a lone low surrogate (C.5)', '\uDC00'],
    ['U+FFFD REPLACEMENT CHARACTER (C.6)', '\uFFFD'],
    ['U+2FF0 IDEOGRAPHIC DESCRIPTION CHARACTER (C.7)', '\u2FF0'],
    ['U+200E LEFT-TO-RIGHT MARK (C.8)', '\u200E'],
    ['U+202E RIGHT-TO-LEFT OVERRIDE (C.8)', '\u202E'],
    ['U+200F RIGHT-TO-LEFT MARK (C.8)', '\u200F'],
    ['U+E0001 LANGUAGE TAG (C.9)', '\u{E0001}'],
    ['U+E0041 TAG LATIN CAPITAL LETTER A (C.9)', '\u{E0041}'],
  ])('refuses %s', (_name, ch) => {
    expect(() => saslPrep(`pass${ch}word`, 'password')).toThrow(SaslError);
  });

  it('accepts characters just outside the prohibited ranges', () => {
    // U+0020 and U+007E (around C.2.1), U+00A1 (after C.2.2 U+0080-009F), U+2064 (after C.2.2 U+2060-2063),
    // U+2FFC (after C.7 U+2FF0-2FFB), U+FDCF (before C.4 U+FDD0), a surrogate pair (U+1F600, not C.5),
    // U+E0080 (after C.9). None of them changes under NFKC.
    const input = ' ~\u00A1\u2064\u2FFC\uFDCF\u{1F600}\u{E0080}';
    expect(saslPrep(input, 'password')).toBe(input);
  });

  it('checks the prohibited tables on the normalised text, not the input (RFC 3454 §3 order)', () => {
    // U+0340 (C.8) has the canonical singleton decomposition U+0300, which is allowed and composes with "a".
    expect(saslPrep('a\u0340', 'password')).toBe('\u00E0');
  });

  it('allows unassigned code points (prepared as a query, RFC 5802 §2.2)', () => {
    // U+0378 is unassigned (Unicode 3.2 and today).
    expect(saslPrep('a\u0378', 'password')).toBe('a\u0378');
  });

  it('names the field but never quotes the offending text', () => {
    expect(() => saslPrep('secret\u0007', 'password')).toThrow(/^The password contains/);
    try {
      saslPrep('secret\u0007', 'password');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
      expect((error as Error).message).not.toContain('\u0007');
    }
  });
});
