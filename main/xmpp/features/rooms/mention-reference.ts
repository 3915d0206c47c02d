/**
 * XEP-0372 references in a room message: `<reference xmlns='urn:xmpp:reference:0' type='mention'
 * uri='xmpp:room@service/nick'/>` says the sender mentions that occupant (clients add it when a nickname is
 * picked from a list, even where the text shows it differently). Only a mention of our own occupant address
 * in this room counts; the URI is percent-decoded (RFC 5122), the room part compared without case.
 */
import type { Element } from '@xmpp/xml';
import { NS } from '../namespaces.js';
import { attr } from '../stanza-read.js';

/** More references than this in one message are not read: a flood of them costs nothing. */
const MAX_REFERENCES = 32;
/** Longer URIs are not ours: a room address (3071) and a nickname (1023), with room for percent-encoding. */
const MAX_URI_CHARS = 8_192;

export function referencesOccupant(stanza: Element, room: string, nick: string): boolean {
  const references = stanza.getChildren('reference', NS.reference).slice(0, MAX_REFERENCES);
  return references.some((reference) => attr(reference, 'type') === 'mention' && isOccupant(attr(reference, 'uri'), room, nick));
}

function isOccupant(uri: string | null, room: string, nick: string): boolean {
  if (uri === null || uri.length > MAX_URI_CHARS || !uri.startsWith('xmpp:')) return false;
  let address: string;
  try {
    address = decodeURIComponent(uri.slice('xmpp:'.length));
  } catch {
    return false;
  }
  const slash = address.indexOf('/');
  if (slash < 0) return false;
  return address.slice(0, slash).toLowerCase() === room.toLowerCase() && address.slice(slash + 1) === nick;
}
