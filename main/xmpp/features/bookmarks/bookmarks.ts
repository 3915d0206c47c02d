/**
 * The account's bookmarks (XEP-0402 native bookmarks on the account's own PEP node): read them, add or
 * change one, remove one, and hear when another client of the same account does so. We advertise
 * `urn:xmpp:bookmarks:1+notify` in our caps (disco.ts), so the server pushes every change to us.
 *
 * Only the account itself may write this node, so a change notification counts only when it comes from our
 * own bare address; anything else claiming to be one is refused and logged.
 */
import type { Element } from '@xmpp/xml';
import { MAX_BOOKMARKS, type Bookmark } from '../../../../app/domain/rooms.js';
import { StanzaError } from '../../link.js';
import { createEmitter, type Events } from '../emitter.js';
import { guarded, listenerFailure, ownJidOf, type FeatureDeps } from '../feature-deps.js';
import { NS } from '../namespaces.js';
import { attr, isStanza } from '../stanza-read.js';
import { RoomError } from '../rooms/room-error.js';
import { bookmarkItem, parseBookmarkItem, roomAddressOrNull } from './bookmark-item.js';
import { itemsRequest, publishRequest, retractRequest } from './bookmark-stanzas.js';

export interface BookmarksEvents {
  /** A bookmark was added or changed (by this client or another of the same account). */
  changed: Bookmark;
  /** A bookmark was removed. */
  removed: { readonly room: string };
}

export interface Bookmarks extends Events<BookmarksEvents> {
  /** All bookmarks on the server (at most MAX_BOOKMARKS); empty when the account has none yet. */
  list(): Promise<Bookmark[]>;
  /** Adds or replaces the bookmark of `bookmark.room`. */
  set(bookmark: Bookmark): Promise<void>;
  remove(room: string): Promise<void>;
  dispose(): void;
}

const REQUEST_TIMEOUT_MS = 15_000;

/** The bookmarks in a pubsub `<items>` (of an answer or of an event), read with limits. */
function readItems(items: Element, xmlns: string): Bookmark[] {
  const found = new Map<string, Bookmark>();
  for (const item of items.getChildren('item', xmlns)) {
    const bookmark = parseBookmarkItem(item);
    if (bookmark !== null) found.set(bookmark.room, bookmark);
    if (found.size >= MAX_BOOKMARKS) break;
  }
  return [...found.values()];
}

export function createBookmarks(deps: Pick<FeatureDeps, 'link' | 'log'>): Bookmarks {
  const { link, log } = deps;
  const emitter = createEmitter<BookmarksEvents>(listenerFailure('bookmarks', log));
  const refuse = (reason: string, from: string | null) => log({ feature: 'bookmarks', reason, from });

  const stopListening = link.onStanza(
    guarded('bookmarks', log, (stanza) => {
      if (!isStanza(stanza, 'message')) return;
      const event = stanza.getChild('event', NS.pubsubEvent);
      const items = event?.getChild('items', NS.pubsubEvent);
      if (items === undefined || attr(items, 'node') !== NS.bookmarks) return;
      const from = attr(stanza, 'from');
      if (from !== ownJidOf(link).bare) {
        refuse('a bookmarks notification that is not from our own account', from);
        return;
      }
      for (const bookmark of readItems(items, NS.pubsubEvent)) emitter.emit('changed', bookmark);
      for (const retract of items.getChildren('retract', NS.pubsubEvent)) {
        const room = roomAddressOrNull(attr(retract, 'id'));
        if (room !== null) emitter.emit('removed', { room });
      }
    }),
  );

  function requireRoom(input: string): string {
    const room = roomAddressOrNull(input);
    if (room === null) throw new RoomError('invalid-room', `Not a room address: ${JSON.stringify(input.slice(0, 100))}`);
    return room;
  }

  return {
    on: emitter.on,
    async list() {
      try {
        const answer = await link.request(itemsRequest(), REQUEST_TIMEOUT_MS);
        const items = answer.getChild('pubsub', NS.pubsub)?.getChild('items', NS.pubsub);
        return items === undefined ? [] : readItems(items, NS.pubsub);
      } catch (error) {
        // No node yet: the account has never stored a bookmark.
        if (error instanceof StanzaError && error.condition === 'item-not-found') return [];
        throw error;
      }
    },
    async set(bookmark) {
      const room = requireRoom(bookmark.room);
      await link.request(publishRequest(bookmarkItem({ ...bookmark, room })), REQUEST_TIMEOUT_MS);
    },
    async remove(roomInput) {
      await link.request(retractRequest(requireRoom(roomInput)), REQUEST_TIMEOUT_MS);
    },
    dispose() {
      stopListening();
      emitter.clear();
    },
  };
}
