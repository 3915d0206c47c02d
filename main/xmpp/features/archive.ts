/**
 * One conversation's history from the server archive (XEP-0313 MAM, urn:xmpp:mam:2), newest page first,
 * then page by page backwards with RSM (XEP-0059) `<before>`.
 *
 * The account-wide catch-up after a (re)connect is `catchUp` (archive-catch-up.ts). Both go through
 * archive-result.ts, which holds the security checks on results (our query id, our own bare JID only,
 * never more results than asked).
 */
import type { HistoryPage } from '../../../app/domain/chat.js';
import { createCatchUp, type CatchUpPage, type CatchUpQuery } from './archive-catch-up.js';
import { queryArchive, requirePageSize, splitArchived } from './archive-result.js';
import type { OpenEncrypted } from './encrypted-part.js';
import type { IncomingChange } from './message-changes/incoming-change.js';
import type { MessageDedupe } from './dedupe.js';
import { ownJidOf, type FeatureDeps } from './feature-deps.js';
import { requireBareJid } from '../../../app/domain/address/jid.js';

export { ArchiveGapError, type CatchUpPage, type CatchUpQuery } from './archive-catch-up.js';

export interface ArchiveQuery {
  /** The other party's bare JID. */
  readonly peer: string;
  /** The archive id of the oldest message already shown (RSM `<before>`); null for the newest page. */
  readonly before: string | null;
  /** Page size (RSM `<max>`). */
  readonly max: number;
  /**
   * 'omit' (the default) leaves out messages that already arrived live or that we sent. 'include' returns
   * them too, for a caller that keeps its own messages and maps each archived copy back to the one it holds
   * (a window opened after the message arrived live must still show it).
   */
  readonly seen?: 'omit' | 'include';
}

export interface ArchivePage extends HistoryPage {
  /**
   * The archive id of the oldest message in this page as the server counts it (RSM `<first>`): pass it as
   * `before` for the next older page. It is there even when that message was left out as a duplicate of
   * one that arrived live, or was not a chat message. Null for an empty page.
   */
  readonly first: string | null;
  // issue 14: message changes in the page (to apply to messages once they are stored), oldest first.
  readonly changes?: readonly IncomingChange[];
}

export interface ArchiveDeps extends FeatureDeps {
  /** The live messages' record (messages.ts), to leave out what the user has already seen. */
  readonly dedupe: Pick<MessageDedupe, 'has'>;
  /** issue 15: OMEMO. Decrypts encrypted results (archive-result.ts); absent: they are kept as not readable. */
  readonly openEncrypted?: OpenEncrypted;
}

export interface Archive {
  loadPage(query: ArchiveQuery): Promise<ArchivePage>;
  /**
   * Everything the archive holds after the sync point, all conversations, page by page (see CatchUpQuery).
   * Rejects with ArchiveGapError when the server no longer knows `after`.
   */
  catchUp(query: CatchUpQuery): Promise<CatchUpPage>;
}

export function createArchive({ link, accountId, now, ids, log, dedupe, openEncrypted }: ArchiveDeps): Archive {
  const own = ownJidOf(link);

  async function loadPage({ peer: peerInput, before, max, seen = 'omit' }: ArchiveQuery): Promise<ArchivePage> {
    const peer = requireBareJid(peerInput);
    requirePageSize(max);
    const answer = await queryArchive(
      { link, own, now, log, openEncrypted },
      { queryId: ids(), peer, position: before === null ? { newest: true } : { before }, max },
    );
    const split = splitArchived(
      answer.chats.filter((chat) => {
        if (chat.peer === peer) return true;
        log({ feature: 'archive', reason: 'archived message from another conversation', from: null });
        return false;
      }),
      accountId,
      ids,
    );
    const collected = split.messages;
    const messages =
      seen === 'include'
        ? collected
        : collected.filter(
            (message) => !dedupe.has(peer, { originId: message.originId, archiveId: message.archiveId, stanzaId: message.stanzaId, body: message.body }),
          );
    return { messages, complete: answer.complete, first: answer.first, ...(split.changes.length > 0 ? { changes: split.changes } : {}) };
  }

  return { loadPage, catchUp: createCatchUp({ link, own, accountId, now, ids, log, openEncrypted }) };
}
