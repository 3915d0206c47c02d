/**
 * The public rooms of a room service (XEP-0045 §6.3): disco#items on the service lists the rooms it shows to
 * everyone (hidden rooms are not listed), each with its address and usually its name. One request, read up
 * to MAX_PUBLIC_ROOMS: a big service is searched by name in the window, and a hostile list cannot flood us.
 * Only rooms on that service count: an item naming another domain is not a room of this service.
 */
import { xml, type Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { MAX_PUBLIC_ROOMS, type PublicRoom } from '../../../../app/domain/rooms.js';
import type { XmppLink } from '../../link.js';
import { NS } from '../namespaces.js';
import { attr } from '../stanza-read.js';
import { roomNameText } from './room-info.js';

const LIST_TIMEOUT_MS = 15_000;

export function publicRoomsRequest(service: string): Element {
  return xml('iq', { type: 'get', to: service }, xml('query', { xmlns: NS.discoItems }));
}

/** The rooms in a disco#items answer from `service`, in its order, without duplicates, bounded. */
export function readPublicRooms(answer: Element, service: string): PublicRoom[] {
  const query = answer.getChild('query', NS.discoItems);
  if (query === undefined) return [];
  const serviceDomain = jidOrNull(service)?.domain.ascii ?? null;
  const rooms = new Map<string, PublicRoom>();
  for (const item of query.getChildren('item', NS.discoItems)) {
    const jid = jidOrNull(attr(item, 'jid'));
    if (jid === null || jid.local === null || jid.resource !== null || jid.domain.ascii !== serviceDomain) continue;
    if (rooms.has(jid.bare)) continue;
    rooms.set(jid.bare, { room: jid.bare, name: roomNameText(attr(item, 'name')) });
    if (rooms.size >= MAX_PUBLIC_ROOMS) break;
  }
  return [...rooms.values()];
}

export async function listPublicRooms(link: Pick<XmppLink, 'request'>, service: string): Promise<PublicRoom[]> {
  return readPublicRooms(await link.request(publicRoomsRequest(service), LIST_TIMEOUT_MS), service);
}
