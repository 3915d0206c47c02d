/**
 * What the join and create dialogs make of what is typed: the public rooms matching a search (by name or
 * address, ignoring case), and a room address made from a new room's name ("Book club" → book-club).
 */
import type { PublicRoom, RoomSetting } from '../../../app/domain/rooms.js';

/** How many matches the dialog shows at once: a search narrows them, a long list does not help. */
export const MAX_SHOWN_ROOMS = 50;

export function filterRooms(rooms: readonly PublicRoom[], typed: string): PublicRoom[] {
  const words = typed.trim().toLocaleLowerCase().split(/\s+/u).filter((w) => w !== '');
  const matching = words.length === 0 ? rooms : rooms.filter((r) => words.every((w) => `${r.name ?? ''} ${r.room}`.toLocaleLowerCase().includes(w)));
  return matching.slice(0, MAX_SHOWN_ROOMS);
}

/**
 * A room address's local part from a name: lower case, spaces and punctuation as single dashes, without the
 * characters an address cannot hold (RFC 7622 forbids " & ' / : < > @ in a local part). Letters of any
 * script stay.
 */
export function localPartFromName(name: string): string {
  return name
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '')
    .slice(0, 64);
}

/** The settings a room service did not offer, in plain words for the person who chose them. */
const SETTING_WORDS: Readonly<Record<RoomSetting, string>> = {
  name: 'the name',
  description: 'the description',
  persistent: 'keeping the room when everyone has left',
  membersOnly: 'members only',
  moderated: 'moderated',
  public: 'listing in room search',
  password: 'the password',
};

export function notAppliedText(settings: readonly RoomSetting[]): string | null {
  if (settings.length === 0) return null;
  return `The room is made, but its service does not offer these settings, so they were not applied: ${settings.map((s) => SETTING_WORDS[s]).join(', ')}.`;
}
