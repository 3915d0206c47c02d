/**
 * A room's own name (XEP-0045 §6.4): disco#info on the room answers an identity of category "conference"
 * whose `name` is the name its owner gave it ("Hostproof developers" for hostproof-dev@rooms.example.org).
 * Network text: control characters become spaces, and it is bounded like a name in a list. A room that gives
 * none, or an answer that is not a room's, has no name: the window shows the address's local part instead.
 */
import { xml, type Element } from '@xmpp/xml';
import { MAX_ROOM_NAME_CHARS } from '../../../../app/domain/rooms.js';
import type { XmppLink } from '../../link.js';
import { NS } from '../namespaces.js';
import { attr } from '../stanza-read.js';

const INFO_TIMEOUT_MS = 15_000;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/gu;

/** A room name as received, made fit to show: null when there is nothing left of it. */
export function roomNameText(raw: string | null): string | null {
  const name = (raw ?? '').replace(CONTROL, ' ').trim().slice(0, MAX_ROOM_NAME_CHARS).trim();
  return name === '' ? null : name;
}

/** The name in a room's disco#info answer, or null. */
export function readRoomName(answer: Element): string | null {
  const query = answer.getChild('query', NS.discoInfo);
  if (query === undefined) return null;
  const conference = query.getChildren('identity', NS.discoInfo).find((identity) => attr(identity, 'category') === 'conference');
  return conference === undefined ? null : roomNameText(attr(conference, 'name'));
}

/** Asks the room for its name; null when it has none (an error answer rejects, as every request does). */
export async function fetchRoomName(link: Pick<XmppLink, 'request'>, room: string): Promise<string | null> {
  return readRoomName(await link.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.discoInfo })), INFO_TIMEOUT_MS));
}
