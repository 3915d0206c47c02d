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
const OPTIONS = {
  checkHyphens: true,
  checkBidi: true,
  checkJoiners: true,
  useSTD3ASCIIRules: true,
  transitionalProcessing: false,
  verifyDNSLength: true,
} as const;

/** The lower-case A-label form of a whole domain name, or null when it is not a valid IDNA name. */
export function idnaToAscii(name: string): string | null {
  return tr46.toASCII(name, OPTIONS);
}

/** The U-label form of a domain name already in A-label form; null when its Punycode does not decode. */
export function idnaToUnicode(ascii: string): string | null {
  const result = tr46.toUnicode(ascii, OPTIONS);
  return result.error ? null : result.domain;
}
