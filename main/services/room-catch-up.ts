/**
 * After each join of a room (and each rejoin), what the room said while we were not in it, from the room's own
 * archive (XEP-0313 to the room JID): everything after the room's sync point, page by page and bounded; a
 * room never read before (or whose archive no longer knows the sync point) gives its newest page only, so a
 * first join shows the recent conversation without reading years of it. Each page is stored as it comes and
 * its new messages are shown; what is stored already (it came live, or was ours) is not shown again.
 */
import type { RoomMessage } from '../../app/domain/rooms.js';
import { StanzaError } from '../xmpp/link.js';
import type { RoomArchive } from '../xmpp/features/rooms/room-archive.js';

/** Messages per archive request, and what a first join shows. */
export const ROOM_HISTORY_PAGE = 100;
/** At most this many pages per join (1,000 messages); the rest is read after the next join. */
export const MAX_ROOM_CATCH_UP_PAGES = 10;

export interface RoomCatchUpStore {
  /** Where the room's archive was last read to (null: never to its end). */
  syncPoint(room: string): string | null;
  /** Stores a page (read after `after`, or the newest); answers the messages that were not stored yet. */
  store(messages: readonly RoomMessage[], after: string | null): RoomMessage[];
  /** The archive was read to its end: the next join starts after the newest message now stored. */
  readToEnd(room: string): void;
  /** The page limit stopped the reading at `archiveId`: the next join continues after it. */
  readTo(room: string, archiveId: string): void;
}

/** Answers whether the archive was read to its end (the live messages now follow on from what is stored). */
export async function catchUpRoom(
  archive: RoomArchive,
  store: RoomCatchUpStore,
  room: string,
  show: (message: RoomMessage) => void,
): Promise<boolean> {
  let after = store.syncPoint(room);
  for (let round = 0; round < MAX_ROOM_CATCH_UP_PAGES; round += 1) {
    let page;
    try {
      page = await archive.page({ room, position: after === null ? { newest: true } : { after }, max: ROOM_HISTORY_PAGE });
    } catch (error) {
      // The room's archive no longer holds the sync point (cleared, expired): start again from its newest page.
      if (after !== null && error instanceof StanzaError && error.condition === 'item-not-found') {
        after = null;
        continue;
      }
      throw error;
    }
    for (const message of store.store(page.messages, after)) show(message);
    if (after === null || page.complete || page.last === null) {
      store.readToEnd(room);
      return true;
    }
    after = page.last;
  }
  if (after !== null) store.readTo(room, after);
  return false;
}
