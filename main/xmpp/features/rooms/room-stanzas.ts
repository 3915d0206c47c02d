/**
 * The stanzas we send to rooms (XEP-0045), as pure functions. Texts are xml() text nodes: escaped, never
 * concatenated into markup.
 */
import { xml, type Element } from '@xmpp/xml';
import { NS } from '../namespaces.js';

/**
 * Join presence (§7.2.1) to room/nick. No history (maxstanzas 0): room history comes from the room's own
 * archive (XEP-0313), merged without duplicates, instead of the legacy history the room would replay.
 */
export function joinPresence(room: string, nick: string, password: string | null): Element {
  return xml(
    'presence',
    { to: `${room}/${nick}` },
    xml('x', { xmlns: NS.muc }, ...(password === null ? [] : [xml('password', {}, password)]), xml('history', { maxstanzas: '0' })),
  );
}

/** Leaving (§7.14): unavailable presence to our occupant JID. */
export function leavePresence(room: string, nick: string): Element {
  return xml('presence', { to: `${room}/${nick}`, type: 'unavailable' });
}

/** §10.1.2: the owner accepts the default configuration, which unlocks a newly created ("instant") room. */
export function instantRoomRequest(room: string): Element {
  return xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS.mucOwner }, xml('x', { xmlns: NS.dataForms, type: 'submit' })));
}

/** §7.4: a message to everyone in the room, with our origin-id so that its reflection is recognised as ours. */
export function groupchatStanza(room: string, id: string, body: string): Element {
  return xml('message', { to: room, type: 'groupchat', id }, xml('body', {}, body), xml('origin-id', { xmlns: NS.sid, id }));
}

/** §7.5: a private message to one occupant, marked as such so that servers do not take it for a 1:1 chat. */
export function privateStanza(room: string, nick: string, id: string, body: string): Element {
  return xml(
    'message',
    { to: `${room}/${nick}`, type: 'chat', id },
    xml('body', {}, body),
    xml('origin-id', { xmlns: NS.sid, id }),
    xml('x', { xmlns: NS.mucUser }),
  );
}

/** §8.1: a new subject (an empty one clears it). */
export function subjectStanza(room: string, id: string, subject: string): Element {
  return xml('message', { to: room, type: 'groupchat', id }, xml('subject', {}, subject));
}

/** §8.2 kick (role none) and §9.1 ban (affiliation outcast), asked of the room by a moderator or admin. */
export function adminRequest(room: string, item: { readonly nick: string; readonly role: 'none' } | { readonly jid: string; readonly affiliation: 'outcast' }, reason: string | null): Element {
  return xml(
    'iq',
    { type: 'set', to: room },
    xml('query', { xmlns: NS.mucAdmin }, xml('item', { ...item }, ...(reason === null ? [] : [xml('reason', {}, reason)]))),
  );
}
