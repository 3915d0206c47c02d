/**
 * Turning a JID domain into the reference identity that certificate names are compared against: a lower-case
 * A-label domain name (RFC 6125 / RFC 9525 compare A-labels). Also used by the stores, which key pins by it.
 */
import { domainToASCII } from 'node:url';

export type ReferenceDomain =
  | { readonly ok: true; readonly domain: string }
  | { readonly ok: false; readonly reason: string };

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_DOMAIN_LENGTH = 253;

/** Lower-cases A-Z only. `String#toLowerCase` folds some non-ASCII letters to ASCII (U+212A KELVIN SIGN → "k"). */
export function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * Validates and converts a domain to its lower-case A-label form, or says plainly why it is not a domain name.
 * One trailing dot (the DNS root) is ignored.
 *
 * `url.domainToASCII` is a WHATWG URL host parser, not an IDNA label converter: it percent-decodes, cuts at
 * "/" ("a/b" → "a"), maps full-width characters to ASCII and rewrites numbers as IPv4 ("1.2.3" → "1.2.0.3").
 * So it is only ever given one label at a time, and only for labels that need it (non-ASCII, or an A-label to
 * check); every result must be a single LDH label, and a non-ASCII label must come out as an `xn--` A-label.
 */
export function toReferenceDomain(input: string): ReferenceDomain {
  const withoutRoot = input.endsWith('.') ? input.slice(0, -1) : input;
  if (withoutRoot.length === 0) return { ok: false, reason: 'The domain is empty.' };

  const labels: string[] = [];
  for (const label of withoutRoot.split('.')) {
    const converted = toALabel(label);
    if (converted === null) {
      return { ok: false, reason: `"${printable(input)}" is not a valid domain name.` };
    }
    labels.push(converted);
  }

  // A JID domain may be an IP literal, but a DNS-ID can never prove an address: refuse rather than mis-match.
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) {
    return { ok: false, reason: `"${printable(input)}" looks like an IP address; only domain names can be checked.` };
  }
  const domain = labels.join('.');
  if (domain.length > MAX_DOMAIN_LENGTH) {
    return { ok: false, reason: 'The domain is longer than 253 characters.' };
  }
  return { ok: true, domain };
}

function toALabel(label: string): string | null {
  if (label.length === 0) return null;
  // eslint-disable-next-line no-control-regex
  const isAscii = /^[\x00-\x7f]*$/.test(label);
  if (isAscii) {
    const lower = asciiLowerCase(label);
    if (!LDH_LABEL.test(lower)) return null;
    // An A-label must decode as valid Punycode; domainToASCII answers "" when it does not.
    if (lower.startsWith('xn--') && domainToASCII(lower) !== lower) return null;
    return lower;
  }
  const converted = domainToASCII(label);
  if (!converted.startsWith('xn--') || !LDH_LABEL.test(converted)) return null;
  return converted;
}

/**
 * Makes a string from a certificate or a user safe to quote in a message: control characters and bidi
 * overrides (which can make "moc.elpmaxe" display as "example.com") are shown as \u escapes.
 */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) =>
    `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
