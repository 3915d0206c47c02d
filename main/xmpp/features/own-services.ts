/**
 * The services our own server lists in disco#items (XEP-0030), for features that look for one (rooms,
 * XEP-0045; upload, XEP-0363). Only items on our server's domain or a subdomain of it are kept: they are
 * reached through our own verified connection, and a hostile item list cannot make us query other servers.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { attr } from './stanza-read.js';

/** A server lists a handful of services; we ask at most this many of them what they are. */
export const MAX_SERVICES_ASKED = 20;

/** The service addresses in a disco#items answer, on `ownDomain` (ASCII) or below it, at most MAX_SERVICES_ASKED. */
export function ownServiceJids(answer: Element, ownDomain: string): string[] {
  const query = answer.getChild('query', NS.discoItems);
  if (query === undefined) return [];
  const found = new Set<string>();
  for (const item of query.getChildren('item', NS.discoItems)) {
    const jid = jidOrNull(attr(item, 'jid'));
    // A service is a domain of its own (rooms.example.org), not an account or a resource.
    if (jid === null || jid.local !== null || jid.resource !== null) continue;
    if (jid.domain.ascii !== ownDomain && !jid.domain.ascii.endsWith(`.${ownDomain}`)) continue;
    found.add(jid.bare);
    if (found.size >= MAX_SERVICES_ASKED) break;
  }
  return [...found];
}
