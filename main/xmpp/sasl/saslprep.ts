/**
 * SASLprep (RFC 4013, a profile of stringprep RFC 3454) for user names and passwords, the practical subset:
 *
 * 1. Map: non-ASCII space characters (table C.1.2) become U+0020; characters "commonly mapped to nothing"
 *    (table B.1: soft hyphen, zero-width joiners, variation selectors, ...) are removed.
 * 2. Normalise with NFKC (Node's ICU; for characters that Unicode 3.2 assigned, its NFKC gives the same result
 *    as the 3.2 tables stringprep names, by Unicode's normalisation stability policy).
 * 3. Prohibit the RFC 4013 §2.3 tables: C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9
 *    (controls, private use, non-characters, lone surrogates, tagging and display-changing characters).
 *
 * Not done:
 * - The bidirectional check (RFC 3454 §6): it needs the Unicode 3.2 bidi tables, which neither JavaScript nor
 *   Node expose. It only ever *rejects* strings, so skipping it can at worst send a string a strict server
 *   refuses, and the login then fails there: it cannot make a login succeed that should not.
 * - Unassigned code points are allowed, as RFC 5802 §2.2 asks for ("treating str as a query string").
 *
 * The result is the same string the server computes from the stored password, which is what makes SCRAM's
 * proof match for passwords with, e.g., a no-break space or a compatibility character.
 */
import { SaslError } from './mechanism.js';

type Range = readonly [number, number];

/** RFC 3454 table C.1.2: non-ASCII space characters. */
const NON_ASCII_SPACE: readonly Range[] = [
  [0x00a0, 0x00a0],
  [0x1680, 0x1680],
  [0x2000, 0x200b],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];

/** RFC 3454 table B.1: commonly mapped to nothing. */
const MAPPED_TO_NOTHING: readonly Range[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x1806, 0x1806],
  [0x180b, 0x180d],
  [0x200b, 0x200d],
  [0x2060, 0x2060],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

/** RFC 3454 tables C.2.1 to C.9, the ones RFC 4013 §2.3 prohibits (C.1.2 is checked with NON_ASCII_SPACE). */
const PROHIBITED: readonly Range[] = [
  // C.2.1 ASCII control characters
  [0x0000, 0x001f],
  [0x007f, 0x007f],
  // C.2.2 non-ASCII control characters
  [0x0080, 0x009f],
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x180e, 0x180e],
  [0x200c, 0x200d],
  [0x2028, 0x2029],
  [0x2060, 0x2063],
  [0x206a, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffc],
  [0x1d173, 0x1d17a],
  // C.3 private use
  [0xe000, 0xf8ff],
  [0xf0000, 0xffffd],
  [0x100000, 0x10fffd],
  // C.4 non-character code points (the nFFFE/nFFFF pairs are tested arithmetically below)
  [0xfdd0, 0xfdef],
  // C.5 surrogate codes (only lone surrogates can reach here: paired ones form one code point)
  [0xd800, 0xdfff],
  // C.6 inappropriate for plain text
  [0xfff9, 0xfffd],
  // C.7 inappropriate for canonical representation
  [0x2ff0, 0x2ffb],
  // C.8 change display properties or deprecated
  [0x0340, 0x0341],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x206a, 0x206f],
  // C.9 tagging characters
  [0xe0001, 0xe0001],
  [0xe0020, 0xe007f],
];

const inRanges = (cp: number, ranges: readonly Range[]): boolean => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** C.4 also lists U+FFFE, U+FFFF and the last two code points of every plane. */
const isPlaneEndNonCharacter = (cp: number): boolean => (cp & 0xfffe) === 0xfffe;

function isProhibited(cp: number): boolean {
  return inRanges(cp, NON_ASCII_SPACE) || inRanges(cp, PROHIBITED) || isPlaneEndNonCharacter(cp);
}

/**
 * Prepares `input` with SASLprep as described above. `what` names the field in the error ("user name",
 * "password"). The error never quotes the offending character: for a password that would leak part of it.
 */
export function saslPrep(input: string, what: string): string {
  let mapped = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (inRanges(cp, NON_ASCII_SPACE)) mapped += ' ';
    else if (!inRanges(cp, MAPPED_TO_NOTHING)) mapped += ch;
  }
  const normalized = mapped.normalize('NFKC');
  for (const ch of normalized) {
    if (isProhibited(ch.codePointAt(0) ?? 0)) {
      throw new SaslError(`The ${what} contains a control or other character that cannot be used to log in.`);
    }
  }
  return normalized;
}
