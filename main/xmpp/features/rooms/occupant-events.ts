/**
 * What an occupant presence means for the people in the room, as a typed event with a sentence in plain
 * words: joined, left, a new nickname (303), kicked (307), banned (301), removed for another reason
 * (321, 322, 332), or a new role or affiliation. The sentences are text for the window, never markup.
 */
import type { RoomPresence } from './room-presence.js';
import { STATUS } from './room-presence.js';
import type { Occupant, OccupantEvent, Role } from './room-types.js';

type Available = Extract<RoomPresence, { kind: 'available' }>;
type Unavailable = Extract<RoomPresence, { kind: 'unavailable' }>;

const withReason = (text: string, reason: string | null): string => (reason === null ? text : `${text} Reason: "${reason}"`);

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  moderator: 'can now moderate the room',
  participant: 'can now write in the room',
  visitor: 'can now only read the room',
  none: 'can no longer take part in the room',
};

/** The event for an available presence; `before` is what we knew of that nickname (undefined: new). */
export function arrivalEvent(presence: Available, before: Occupant | undefined, self: boolean): OccupantEvent | null {
  const { room, occupant } = presence;
  const who = self ? 'You' : occupant.nick;
  if (before === undefined) return { kind: 'joined', room, self, occupant, text: self ? 'You joined the room.' : `${occupant.nick} joined the room.` };
  if (before.role === occupant.role && before.affiliation === occupant.affiliation && before.realJid === occupant.realJid) return null; // a status or show change
  const text =
    before.role !== occupant.role
      ? `${who} ${ROLE_WORDS[occupant.role]}.`
      : `${who} ${self ? 'are' : 'is'} now ${occupant.affiliation === 'none' ? 'no longer a member' : `${occupant.affiliation === 'admin' || occupant.affiliation === 'owner' ? 'an' : 'a'} ${occupant.affiliation}`} of the room.`;
  return { kind: 'changed', room, self, occupant, before, text };
}

/** The event for an unavailable presence; `before` is what we knew of that nickname. */
export function departureEvent(presence: Unavailable, before: Occupant | undefined, self: boolean): OccupantEvent {
  const { room, statuses, reason } = presence;
  // The unavailable presence says the role is now 'none'; the affiliation it carries is the current one.
  const occupant: Occupant = before ?? presence.occupant;
  const nick = occupant.nick;
  if (presence.newNick !== null) {
    return { kind: 'nick-changed', room, self, occupant, newNick: presence.newNick, text: self ? `You are now known as ${presence.newNick}.` : `${nick} is now known as ${presence.newNick}.` };
  }
  if (statuses.has(STATUS.banned)) {
    return { kind: 'banned', room, self, occupant, reason, text: withReason(self ? 'You were banned from the room.' : `${nick} was banned from the room.`, reason) };
  }
  if (statuses.has(STATUS.kicked)) {
    return { kind: 'kicked', room, self, occupant, reason, text: withReason(self ? 'You were removed from the room by a moderator.' : `${nick} was removed from the room by a moderator.`, reason) };
  }
  const removal = statuses.has(STATUS.shutdown)
    ? 'the room service is shutting down'
    : statuses.has(STATUS.removedAffiliation)
      ? 'of a change of membership'
      : statuses.has(STATUS.removedMembersOnly)
        ? 'the room is now for members only'
        : null;
  if (removal !== null) {
    return { kind: 'removed', room, self, occupant, reason, text: withReason(`${self ? 'You were' : `${nick} was`} removed from the room because ${removal}.`, reason) };
  }
  return { kind: 'left', room, self, occupant, text: self ? 'You left the room.' : `${nick} left the room.` };
}
