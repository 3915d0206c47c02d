/**
 * Whether a room message mentions us: our nickname in the room as a word of its own, in any case. The one home
 * of the rule: the main process uses it to decide on a notification, the window to highlight the message and
 * mark the room's row, so both always agree.
 */

import type { RoomMessage } from './rooms.js';

/** A letter, digit, mark or underscore next to the nickname makes it part of another word ("bobcat" is not "bob"). */
const WORD_CHARACTER = String.raw`[\p{L}\p{N}\p{M}_]`;

/** Nicknames are network text: every character the regular expression language gives a meaning to is escaped. */
function escapeForRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * True when `body` holds `nick` with no word character right before or after it, compared without regard to
 * case. An empty nickname mentions nobody.
 */
export function mentionsNick(body: string, nick: string): boolean {
  if (nick.trim() === '' || body.length < nick.length) return false;
  const pattern = new RegExp(`(?<!${WORD_CHARACTER})${escapeForRegExp(nick)}(?!${WORD_CHARACTER})`, 'iu');
  return pattern.test(body);
}

/**
 * Whether a room message mentions us: someone else's message that names `nick`, or that its sender marked as a
 * mention of us (XEP-0372, read in the main process as `mentionsMe`). Our own messages never do.
 */
export function isMention(message: Pick<RoomMessage, 'direction' | 'body' | 'mentionsMe'>, nick: string): boolean {
  return message.direction === 'in' && (message.mentionsMe === true || mentionsNick(message.body, nick));
}
