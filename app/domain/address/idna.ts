/**
 * The one place that converts domain names between their Unicode and ASCII forms (IDNA, via UTS #46 as
 * implemented by `tr46`, the library browsers' URL code in Node is built on). Everything else asks
 * `domain-name.ts`.
 *
 * Why a library and not `url.domainToASCII`: that is a WHATWG URL host parser, not a label converter. It
 * percent-decodes ("exa%6dple.com" → "example.com"), cuts at "/" and rewrites numbers as IPv4 addresses
 * ("1.2.3" → "1.2.0.3"), so a name could silently become another one on its way to the certificate check.
 * It is also Node-only, and this module runs in the window too.
 */
import tr46 from 'tr46';

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

/** A label of lower-case ASCII letters, digits and inner hyphens, 1 to 63 characters long. */
const PLAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Whether the name is one both conversions leave as it is, so the library need not see it: labels of lower-case
 * ASCII letters, digits and hyphens (valid and unmapped under STD3 rules, NFC already, never bidi), none with a
 * hyphen first, last, or in its third and fourth places (the checkHyphens rule, which also sets every "xn--"
 * Punycode label aside for the library to decode), no empty label, at most 253 characters (verifyDNSLength).
 * Most names are like this; skipping the library for them keeps its first call, which compiles large Unicode
 * tables, and its 50–100 µs a call out of the window's first render.
 */
function isPlainAsciiName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => PLAIN_LABEL.test(label) && label.slice(2, 4) !== '--');
}

/** The lower-case A-label form of a whole domain name, or null when it is not a valid IDNA name. */
export function idnaToAscii(name: string): string | null {
  if (isPlainAsciiName(name)) return name;
  return tr46.toASCII(name, IDNA_OPTIONS);
}

/** The U-label form of a domain name already in A-label form; null when its Punycode does not decode. */
export function idnaToUnicode(ascii: string): string | null {
  if (isPlainAsciiName(ascii)) return ascii;
  const result = tr46.toUnicode(ascii, IDNA_OPTIONS);
  return result.error ? null : result.domain;
}
