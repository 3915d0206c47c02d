/**
 * A `<message>` from a room we are in, sorted into what it is: a message to everyone (from room/nick), a
 * new subject (§8.1: a subject and no body), a private message from one occupant (§7.5), or an error reply
 * to something we sent. The caller has already checked that the sender's bare JID is a room we joined;
 * the room's stanza-id is only believed when its `by` is that room (XEP-0359).
 */
import type { Element } from '@xmpp/xml';
import { parseMessage, type ParsedMessage } from '../parse-message.js';
import { clientChildren, preferUntagged } from '../stanza-read.js';
import { validNick } from './muc-user.js';

/** Longest subject we keep; a room's subject is a line or two, anything longer is cut. */
import { MAX_SUBJECT_CHARS } from '../../../../app/domain/rooms.js';

export { MAX_SUBJECT_CHARS };

export type RoomStanza =
  | { readonly kind: 'groupchat'; readonly nick: string; readonly message: ParsedMessage & { readonly body: string } }
  | { readonly kind: 'subject'; readonly subject: string; readonly by: string | null }
  | { readonly kind: 'private'; readonly nick: string; readonly message: ParsedMessage & { readonly body: string } }
  | { readonly kind: 'error'; readonly message: ParsedMessage }
  | { readonly kind: 'ignored'; readonly reason: string };

function readSubject(stanza: Element): string | null {
  const subject = preferUntagged(clientChildren(stanza, 'subject'));
  return subject === undefined ? null : subject.getText().slice(0, MAX_SUBJECT_CHARS);
}

/** `room` is the joined room's bare JID, which the stanza's `from` has been checked against. */
export function classifyRoomMessage(stanza: Element, room: string): RoomStanza {
  // Read with the room as the archive's owner: its stanza-id (by = the room) is the room archive's id.
  const parsed = parseMessage(stanza, room);
  if (!parsed.ok) return { kind: 'ignored', reason: parsed.reason };
  const message = parsed.message;
  if (message.from.bare !== room) return { kind: 'ignored', reason: 'message from outside the room' };
  if (message.type === 'error') return { kind: 'error', message };

  const nick = message.from.resource === null ? null : validNick(message.from.resource);
  if (message.from.resource !== null && nick === null) return { kind: 'ignored', reason: 'room message with an unusable nickname' };

  if (message.type === 'groupchat') {
    const subject = readSubject(stanza);
    if (subject !== null && message.body === null) return { kind: 'subject', subject, by: nick };
    if (message.body === null) return { kind: 'ignored', reason: 'room message without a body' };
    // A body from the room itself is a notice (configuration changes, §10.2.1), not an occupant's message.
    if (nick === null) return { kind: 'ignored', reason: 'room notice ignored' };
    return { kind: 'groupchat', nick, message: { ...message, body: message.body } };
  }
  if (message.type === 'chat' || message.type === 'normal') {
    if (nick === null) return { kind: 'ignored', reason: 'a direct message from the room itself' };
    if (message.body === null) return { kind: 'ignored', reason: 'private message without a body' };
    return { kind: 'private', nick, message: { ...message, body: message.body } };
  }
  return { kind: 'ignored', reason: `${message.type} message from a room ignored` };
}
