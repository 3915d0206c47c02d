/**
 * The account-wide catch-up with the server archive (XEP-0313 MAM) after every (re)connect: everything
 * archived after the last archive id the app has stored for the account, in all conversations, oldest
 * first, page by page with RSM `<after>` (XEP-0059 §2.3). It is how messages that arrived while the app
 * was closed, or that another of our devices sent, reach the local history.
 *
 * The first sync of an account (nothing stored, `after: null`) asks for the newest page only, so it does
 * not download years of history; older history is read per conversation when the user scrolls (loadPage).
 *
 * Nothing is left out as "already seen live": the local store keeps each message once by its keys
 * (archive id, stanza-id, origin-id), so it matches archived copies to live ones itself. Carbons are not
 * archived separately (the archive holds each message once), so none come from here.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { Jid } from '../../../app/domain/address/jid.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { queryArchive, splitArchived, withChanges } from './archive-result.js';
import type { IncomingChange } from './message-changes/incoming-change.js';
import type { FeatureLog } from './feature-deps.js';
import type { OpenEncrypted } from './encrypted-part.js';
import { StanzaError, type XmppLink } from '../link.js';

export interface CatchUpQuery {
  /**
   * The newest archive id already stored for the account (the sync point), to get what came after it;
   * null when nothing is stored yet: then the newest page is returned, whose `last` becomes the sync point.
   */
  readonly after: string | null;
  /** Page size (RSM `<max>`), 1 to 500. */
  readonly max: number;
}

export interface CatchUpPage {
  /**
   * The page's chat messages, oldest first, from all conversations: each with its own peer (the other
   * party's bare JID), its archive id, and state 'sent' for our own (from any of our devices), 'received'
   * otherwise. Receipts, chat states, errors, groupchat and headline messages are left out.
   */
  readonly messages: readonly ChatMessage[];
  // issue 14: message changes: corrections, retractions and reactions in the page, oldest first.
  readonly changes?: readonly IncomingChange[];
  /**
   * The archive id of the newest entry in this page (RSM `<last>`), even when that entry was not a chat
   * message: store it as the sync point and pass it as `after` for the next page. Null when the page is
   * empty: keep the sync point you have.
   */
  readonly last: string | null;
  /**
   * True when there is nothing newer than this page: stop paging. Always true for the newest page
   * (`after: null`), which by definition has nothing after it.
   */
  readonly complete: boolean;
}

/**
 * The server no longer knows the `after` id (XEP-0313 paging: item-not-found): the archive was cleared or
 * expired past it, or it belongs to another server. What came after it cannot be found from it; ask again
 * with `after: null` for the newest page and treat older history as a gap.
 */
export class ArchiveGapError extends Error {
  override name = 'ArchiveGapError';
  readonly kind = 'unknown-archive-id';
  constructor(
    readonly after: string,
    options: { readonly cause: StanzaError },
  ) {
    super(`The server archive no longer knows the message it was asked to continue after (${after}).`, options);
  }
}

export interface CatchUpDeps {
  readonly link: XmppLink;
  readonly own: Jid;
  readonly accountId: AccountId;
  readonly now: () => Date;
  readonly ids: () => string;
  readonly log: FeatureLog;
  /** issue 15: OMEMO. Decrypts encrypted results (archive-result.ts). */
  readonly openEncrypted?: OpenEncrypted;
}

export function createCatchUp({ link, own, accountId, now, ids, log, openEncrypted }: CatchUpDeps): (query: CatchUpQuery) => Promise<CatchUpPage> {
  return async function catchUp({ after, max }: CatchUpQuery): Promise<CatchUpPage> {
    try {
      const answer = await queryArchive({ link, own, now, log, openEncrypted }, { queryId: ids(), peer: null, position: after === null ? { newest: true } : { after }, max });
      return {
        // issue 14: message changes are applied to their messages, not listed.
        ...withChanges(splitArchived(answer.chats, accountId, ids)),
        last: answer.last,
        complete: after === null || answer.complete,
      };
    } catch (error) {
      if (after !== null && error instanceof StanzaError && error.condition === 'item-not-found') throw new ArchiveGapError(after, { cause: error });
      throw error;
    }
  };
}
