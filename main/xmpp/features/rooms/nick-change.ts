/**
 * Changing our nickname in a room we are in (XEP-0045 §7.6): available presence to room/newnick. The room
 * answers with our unavailable presence carrying 303 and the new nickname (then the available one under
 * it), or with an error presence: `conflict` when someone has that nickname, `not-acceptable` when it is
 * reserved for another account (§7.6.3, §10.6 of the roster of registered nicknames), `not-allowed` or
 * `forbidden` when the room does not let occupants change.
 */
import { xml, type Element } from '@xmpp/xml';

export type NickChangeErrorKind = 'nickname-conflict' | 'nickname-reserved' | 'not-allowed' | 'refused' | 'timeout';

export type NickChangeResult = { readonly ok: true; readonly nick: string } | { readonly ok: false; readonly kind: NickChangeErrorKind; readonly text: string };

// A Map, not an object literal: a condition named "constructor" must not find Object.prototype's.
const KIND_OF_CONDITION: ReadonlyMap<string, NickChangeErrorKind> = new Map([
  ['conflict', 'nickname-conflict'],
  ['not-acceptable', 'nickname-reserved'],
  ['not-allowed', 'not-allowed'],
  ['forbidden', 'not-allowed'],
]);

const TEXT: Readonly<Record<NickChangeErrorKind, string>> = {
  'nickname-conflict': 'Someone in this room already uses that nickname. Choose another one.',
  'nickname-reserved': 'That nickname is kept for someone else in this room. Choose another one.',
  'not-allowed': 'This room does not let you change your nickname.',
  refused: 'The room did not accept the new nickname.',
  timeout: 'The room did not answer in time. Your nickname is unchanged.',
};

export function nickChangeError(kind: NickChangeErrorKind): NickChangeResult {
  return { ok: false, kind, text: TEXT[kind] };
}

/** The result a room's error presence means. */
export function nickChangeRefusal(condition: string): NickChangeResult {
  return nickChangeError(KIND_OF_CONDITION.get(condition) ?? 'refused');
}

/** §7.6.1: plain available presence to the occupant JID we want (no muc element: we are already in). */
export function nickChangePresence(room: string, nick: string): Element {
  return xml('presence', { to: `${room}/${nick}` });
}
