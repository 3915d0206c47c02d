/**
 * After each login, the messages the server archived while this app was not connected (XEP-0313, all
 * conversations, RSM `after` the last archive id taken), page by page, each page stored in one transaction
 * (conversation-store.ts catchUp) and its new messages shown as if they had just arrived.
 *
 * The first sync of an account (no archive id taken yet) stores nothing: it only takes the newest archive id
 * as where the next sync starts, so a new installation does not announce years of history as news; older
 * history comes from the archive when a conversation is opened (history-loading.ts). An archive that is empty
 * then is noted as such (EMPTY_ARCHIVE), and the next sync takes what has come since. An archive id the server
 * no longer knows (its archive was cleared or expired) starts over the same way.
 */
import type { ChatMessage } from '../../app/domain/chat.js';
import { ArchiveGapError, type Archive } from '../xmpp/features/archive.js';
import type { ConversationStore } from './conversation-store.js';
import type { IncomingChange } from '../xmpp/features/message-changes/incoming-change.js';

/**
 * The sync point of an archive that was empty at the first sync: there is no id to continue after, so the next
 * sync takes the newest page whole (all of it is new). Archive ids are never empty.
 */
export const EMPTY_ARCHIVE = '';

/** Messages per archive request. */
export const CATCH_UP_PAGE = 100;
/** At most this many pages per login (5,000 messages); the rest comes with the next login's catch-up. */
export const MAX_CATCH_UP_PAGES = 50;

export async function catchUpWithArchive(
  archive: Pick<Archive, 'catchUp'>,
  store: Pick<ConversationStore, 'catchUp' | 'syncPoint'>,
  show: (message: ChatMessage) => void,
  // issue 14: message changes: applied once the page's messages are stored (they may name one of them).
  applyChange: (change: IncomingChange) => void = () => undefined,
): Promise<void> {
  let after = store.syncPoint();
  for (let round = 0; round < MAX_CATCH_UP_PAGES; round += 1) {
    if (after === null) {
      const newest = await archive.catchUp({ after: null, max: 1 });
      store.catchUp([], newest.last ?? EMPTY_ARCHIVE);
      return;
    }
    if (after === EMPTY_ARCHIVE) {
      // Empty at the first sync: everything there now came since (a page's worth; more is read as history).
      const first = await archive.catchUp({ after: null, max: CATCH_UP_PAGE });
      for (const message of store.catchUp(first.messages, first.last ?? EMPTY_ARCHIVE)) show(message);
      for (const change of first.changes ?? []) applyChange(change);
      return;
    }
    let page;
    try {
      page = await archive.catchUp({ after, max: CATCH_UP_PAGE });
    } catch (error) {
      if (!(error instanceof ArchiveGapError)) throw error;
      after = null;
      continue;
    }
    for (const message of store.catchUp(page.messages, page.last)) show(message);
    for (const change of page.changes ?? []) applyChange(change);
    if (page.last !== null) after = page.last;
    if (page.complete || page.last === null) return;
  }
}
