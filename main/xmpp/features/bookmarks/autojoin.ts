/**
 * At login, the rooms the account's bookmarks mark `autojoin` are joined (XEP-0402 §4), each with the
 * bookmark's nickname, or `fallbackNick` (the account's own name) when the bookmark has none. A room that
 * refuses is answered as its result, not thrown: one bad bookmark must not stop the others.
 */
import type { Bookmark } from '../../../../app/domain/rooms.js';
import type { JoinResult } from '../rooms/room-types.js';
import type { Rooms } from '../rooms/rooms.js';

export function autojoinSpecs(bookmarks: readonly Bookmark[], fallbackNick: string) {
  return bookmarks.filter((b) => b.autojoin).map((b) => ({ room: b.room, nick: b.nick ?? fallbackNick, password: b.password }));
}

export async function autojoin(rooms: Rooms, bookmarks: readonly Bookmark[], fallbackNick: string): Promise<JoinResult[]> {
  return rooms.rejoin(autojoinSpecs(bookmarks, fallbackNick));
}
