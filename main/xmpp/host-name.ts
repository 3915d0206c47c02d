/**
 * Host names as DNS wants them: lower-case A-labels (posh.md §8: IDN domains are converted before querying).
 * Strict on purpose: `url.domainToASCII` alone is lenient (it keeps only what precedes a '/', decodes '%xx'),
 * and a name that silently changed on its way to DNS would be looked up for the wrong domain.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const PLAIN_INPUT = /^[\p{L}\p{M}\p{N}.-]+$/u;

/** The A-label form of a DNS name, or null when it is not a valid host name. One trailing dot is ignored. */
export function toALabel(name: string): string | null {
  const trimmed = name.trim().replace(/\.$/, '');
  if (trimmed === '' || !PLAIN_INPUT.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed).toLowerCase();
  if (ascii === '' || ascii.length > 253) return null;
  return ascii.split('.').every((label) => LABEL.test(label)) ? ascii : null;
}

/** An IP literal (brackets around IPv6 allowed) with its family, or null for anything else. */
export function ipLiteral(host: string): { readonly address: string; readonly family: 4 | 6 } | null {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family === 4 || family === 6 ? { address: bare, family } : null;
}
