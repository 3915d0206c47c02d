/**
 * Host names as DNS wants them: lower-case A-labels (posh.md §8: IDN domains are converted before querying).
 * Strict on purpose: `url.domainToASCII` is a URL host parser, not a label converter (it keeps only what
 * precedes a '/', decodes '%xx', rewrites "1.2.3" as the IPv4 address "1.2.0.3"), and a name that silently
 * changed on its way to DNS would be looked up for the wrong domain. So ASCII names are only lower-cased and
 * checked, and only names with non-ASCII letters go through the conversion.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const ASCII_INPUT = /^[A-Za-z0-9.-]+$/;
const LETTERS_INPUT = /^[\p{L}\p{M}\p{N}.-]+$/u;

/** The A-label form of a DNS name, or null when it is not a valid host name. One trailing dot is ignored. */
export function toALabel(name: string): string | null {
  const trimmed = name.trim().replace(/\.$/, '');
  let ascii: string;
  if (ASCII_INPUT.test(trimmed)) {
    // Only A-Z are folded: String#toLowerCase would also turn some non-ASCII letters into ASCII ones.
    ascii = trimmed.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  } else if (LETTERS_INPUT.test(trimmed)) {
    ascii = domainToASCII(trimmed);
  } else {
    return null;
  }
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (!labels.every((label) => LABEL.test(label))) return null;
  // An all-digit last label makes the name an IPv4 address to URL parsers and resolvers alike: not a host name.
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return null;
  // An A-label must be valid Punycode; domainToASCII answers "" when it is not.
  if (labels.some((label) => label.startsWith('xn--') && domainToASCII(label) !== label)) return null;
  return ascii;
}

/** An IP literal (brackets around IPv6 allowed) with its family, or null for anything else. */
export function ipLiteral(host: string): { readonly address: string; readonly family: 4 | 6 } | null {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family === 4 || family === 6 ? { address: bare, family } : null;
}
