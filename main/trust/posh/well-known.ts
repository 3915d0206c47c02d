/**
 * The two well-known URLs of a JID domain's POSH documents.
 */
import type { PoshFormat } from '../../../app/domain/trust.js';

const WELL_KNOWN_PATH: Readonly<Record<PoshFormat, string>> = {
  rfc7711: '/.well-known/posh/xmpp-client.json',
  seed: '/.well-known/posh._xmpp-client._tcp.json',
};

/** `domain` must already be an A-label (`parseDomain(...).value.ascii`, posh.md §8). */
export function poshWellKnownUrl(domain: string, format: PoshFormat): URL {
  return new URL(`https://${domain}${WELL_KNOWN_PATH[format]}`);
}
