/**
 * The one place that converts domain names between their Unicode and ASCII forms (IDNA, via UTS #46 as
 * implemented by `tr46`, the library browsers' URL code in Node is built on). Everything else asks the domain
 * parser (`domain-parser.ts`).
 *
 * Why a library and not `url.domainToASCII`: that is a WHATWG URL host parser, not a label converter. It
 * percent-decodes ("exa%6dple.com" → "example.com"), cuts at "/" and rewrites numbers as IPv4 addresses
 * ("1.2.3" → "1.2.0.3"), so a name could silently become another one on its way to the certificate check.
 * It is also Node-only, and this module runs in the window too.
 *
 * The library is handed in, not imported: its tables are about 200 KB of script, which the window's first
 * screen does not need (the names it shows come from the main process, plain ASCII nearly always). The main
 * process hands it in at once (`domain-name.ts`); the window loads it after its first frame (see
 * renderer/src/common/addresses.tsx).
 */
import type tr46 from 'tr46';

/** What this module needs of the IDNA library (tr46's own functions). */
export type IdnaEngine = Pick<typeof tr46, 'toASCII' | 'toUnicode'>;

export interface Idna {
  /** The lower-case A-label form of a whole domain name, or null when it is not a valid IDNA name. */
  toAscii(name: string): string | null;
  /** The U-label form of a domain name already in A-label form; null when its Punycode does not decode. */
  toUnicode(ascii: string): string | null;
}

/**
 * Non-transitional processing (IDNA2008's treatment of ß, ς, ZWJ, ZWNJ), STD3 rules (letters, digits and
 * hyphens only), hyphen, bidi and joiner checks, DNS lengths. The mapping step does what RFC 7622 §3.2.1
 * asks of a domainpart: full-width to normal width, upper to lower case, NFC, ideographic full stops to ".".
 */
export const IDNA_OPTIONS = {
  checkHyphens: true,
  checkBidi: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  transitionalProcessing: false,
  verifyDNSLength: true,
} as const;

/** ASCII letters of either case, digits, hyphens and dots: the only names the shortcut looks at further. */
const ASCII_NAME = /^[A-Za-z0-9.-]+$/;
/** A label of lower-case ASCII letters, digits and inner hyphens, 1 to 63 characters long. */
const PLAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The name both conversions give for a plain ASCII name, or null when the name is not one and the library must
 * be asked. Plain: labels of ASCII letters, digits and hyphens (valid under STD3 rules, mapped only by lower-
 * casing, NFC already, never bidi), none with a hyphen first, last, or in its third and fourth places (the
 * checkHyphens rule, which also sets every "xn--" Punycode label aside for the library to decode), no empty
 * label, at most 253 characters (verifyDNSLength). Most names are like this; skipping the library for them keeps
 * its first call, which compiles large Unicode tables, and its 50–100 µs a call out of the window's first render.
 */
function plainAsciiName(name: string): string | null {
  if (name.length > 253 || !ASCII_NAME.test(name)) return null;
  const lower = name.toLowerCase();
  return lower.split('.').every((label) => PLAIN_LABEL.test(label) && label.slice(2, 4) !== '--') ? lower : null;
}

/**
 * The conversions, with the library when there is one. Without it (the window before the library has loaded)
 * only plain ASCII names convert; every other name answers null, as an invalid one does, so callers that show a
 * name fall back to the text they were given until a model with the library replaces this one.
 */
export function createIdna(engine: IdnaEngine | null): Idna {
  return {
    toAscii: (name) => plainAsciiName(name) ?? (engine ? engine.toASCII(name, IDNA_OPTIONS) : null),
    toUnicode: (ascii) => {
      const plain = plainAsciiName(ascii);
      if (plain !== null || engine === null) return plain;
      const result = engine.toUnicode(ascii, IDNA_OPTIONS);
      return result.error ? null : result.domain;
    },
  };
}
