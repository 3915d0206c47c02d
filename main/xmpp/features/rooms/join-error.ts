/**
 * A room's refusal to let us in, as a typed kind with a plain-words sentence (XEP-0045 §7.2.7 to §7.2.11):
 * the room answers our join presence with a presence of type 'error' whose condition says why.
 */
import type { StanzaErrorDetails } from '../stanza-error.js';
import type { JoinError, JoinErrorKind } from './room-types.js';

// A Map, not an object literal: a condition named "constructor" must not find Object.prototype's.
const KIND_OF_CONDITION: ReadonlyMap<string, JoinErrorKind> = new Map([
  ['conflict', 'nickname-conflict'], // 409
  ['not-authorized', 'password-required'], // 401
  ['registration-required', 'members-only'], // 407
  ['forbidden', 'banned'], // 403
  ['item-not-found', 'room-not-found'], // 404: the room does not exist and we may not create it
  ['not-allowed', 'not-allowed'], // 405: room creation is restricted
  ['service-unavailable', 'room-full'], // 503: the room has reached its maximum number of occupants
]);

const TEXT: Readonly<Record<JoinErrorKind, string>> = {
  'nickname-conflict': 'Someone in this room already uses that nickname. Choose another one.',
  'password-required': 'This room needs a password, and the one given was missing or wrong.',
  'members-only': 'Only members can join this room. Ask one of its owners to add you.',
  banned: 'You are banned from this room.',
  'room-not-found': 'This room does not exist.',
  'not-allowed': 'This room does not exist, and you are not allowed to create it.',
  'room-full': 'This room is full right now, or the room service is not available.',
  refused: 'The room did not let you in.',
  timeout: 'The room did not answer in time.',
  disconnected: 'The connection ended before the room answered.',
};

export function joinError(kind: JoinErrorKind, suggestedNick: string | null = null): JoinError {
  return { kind, text: TEXT[kind], suggestedNick: kind === 'nickname-conflict' ? suggestedNick : null };
}

/** The join error a room's error presence means; the room's own text is added (quoted) when it gave one. */
export function joinErrorOf(details: StanzaErrorDetails, nick: string): JoinError {
  const kind = KIND_OF_CONDITION.get(details.condition) ?? 'refused';
  const base = joinError(kind, suggestNick(nick));
  return details.text === null ? base : { ...base, text: `${base.text} The room said: "${details.text}"` };
}

/** Another nickname to offer after a conflict: the same one with a number (bob → bob2, bob2 → bob3). */
export function suggestNick(nick: string): string {
  const numbered = /^(.*?)(\d+)$/u.exec(nick);
  // BigInt: a nickname ending in twenty digits still gets the next number, not a rounded one.
  if (numbered?.[1] !== undefined && numbered[1].length > 0 && numbered[2] !== undefined) return `${numbered[1]}${BigInt(numbered[2]) + 1n}`;
  return `${nick}2`;
}
