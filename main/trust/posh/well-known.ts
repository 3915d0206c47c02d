/**
 * The JID domain as POSH uses it (an A-label) and the two well-known URLs built from it.
 */
import { domainToASCII } from 'node:url';
import type { PoshFormat } from '../../../app/domain/trust.js';

export type PoshDomain = { readonly ok: true; readonly domain: string } | { readonly ok: false; readonly reason: string };

/** LDH labels, plus `_` which some real host names carry; 1..63 octets each. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Convert a JID domain to the lower-case A-label POSH puts in its URL. `domainToASCII` silently cuts a
 * string at `/`, `?`, `#` or `\` ("a/b" becomes "a"), so those are refused before it runs: the URL must be
 * built from the whole domain the user typed, never from a prefix of it.
 */
export function toPoshDomain(input: string): PoshDomain {
  if (/[/?#\\@:[\]\s%]/.test(input)) return { ok: false, reason: `"${input}" is not a domain name` };
  const ascii = domainToASCII(input.endsWith('.') ? input.slice(0, -1) : input).toLowerCase();
  if (ascii === '' || ascii.length > 253) return { ok: false, reason: `"${input}" is not a domain name` };
  if (!ascii.split('.').every((label) => LABEL.test(label))) {
    return { ok: false, reason: `"${input}" is not a domain name` };
  }
  return { ok: true, domain: ascii };
}

const WELL_KNOWN_PATH: Readonly<Record<PoshFormat, string>> = {
  rfc7711: '/.well-known/posh/xmpp-client.json',
  seed: '/.well-known/posh._xmpp-client._tcp.json',
};

/** `domain` must already be an A-label from `toPoshDomain`. */
export function poshWellKnownUrl(domain: string, format: PoshFormat): URL {
  return new URL(`https://${domain}${WELL_KNOWN_PATH[format]}`);
}
