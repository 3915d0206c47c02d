/**
 * One presence from an occupant JID (room@service/nick) read into plain data. The caller has already
 * checked that the bare part is a room we are in or joining; this reads what the room says about the
 * occupant, never throws, and answers a reason for what it cannot use.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { readStanzaError, type StanzaErrorDetails } from '../stanza-error.js';
import { attr } from '../stanza-read.js';
import { readMucUser, validNick } from './muc-user.js';
import type { Occupant } from './room-types.js';

/** XEP-0045 §15.6 status codes the rooms feature acts on. */
export const STATUS = {
  realJidsShown: 100,
  self: 110,
  created: 201,
  nickAssigned: 210,
  banned: 301,
  nickChanged: 303,
  kicked: 307,
  removedAffiliation: 321,
  removedMembersOnly: 322,
  shutdown: 332,
} as const;

export type RoomPresence =
  | { readonly kind: 'error'; readonly room: string; readonly nick: string | null; readonly error: StanzaErrorDetails }
  | { readonly kind: 'available'; readonly room: string; readonly occupant: Occupant; readonly statuses: ReadonlySet<number> }
  | {
      readonly kind: 'unavailable';
      readonly room: string;
      readonly occupant: Occupant;
      readonly statuses: ReadonlySet<number>;
      /** Status 303: the nickname the occupant goes on under. */
      readonly newNick: string | null;
      readonly reason: string | null;
    };

export type RoomPresenceParse = { readonly ok: true; readonly presence: RoomPresence } | { readonly ok: false; readonly reason: string };

export function parseRoomPresence(stanza: Element): RoomPresenceParse {
  const from = jidOrNull(attr(stanza, 'from'));
  if (from === null || from.local === null) return { ok: false, reason: 'room presence without a room address' };
  const type = attr(stanza, 'type');
  // An error can come from the room itself (no nickname), or from the occupant JID we asked for.
  if (type === 'error') return { ok: true, presence: { kind: 'error', room: from.bare, nick: validNick(from.resource), error: readStanzaError(stanza) } };
  if (type !== null && type !== 'unavailable') return { ok: false, reason: `room presence of type ${type}` };

  const nick = validNick(from.resource);
  if (nick === null) return { ok: false, reason: 'room presence without a usable nickname' };
  const x = readMucUser(stanza);
  if (x === null) return { ok: false, reason: 'room presence without its muc#user element' };
  const occupant: Occupant = {
    nick,
    role: type === 'unavailable' ? 'none' : (x.item?.role ?? 'none'),
    affiliation: x.item?.affiliation ?? 'none',
    realJid: x.item?.realJid ?? null,
  };
  if (type === null) return { ok: true, presence: { kind: 'available', room: from.bare, occupant, statuses: x.statuses } };
  const newNick = x.statuses.has(STATUS.nickChanged) ? (x.item?.nick ?? null) : null;
  if (x.statuses.has(STATUS.nickChanged) && newNick === null) return { ok: false, reason: 'nickname change without a usable new nickname' };
  return { ok: true, presence: { kind: 'unavailable', room: from.bare, occupant, statuses: x.statuses, newNick, reason: x.item?.reason ?? null } };
}
