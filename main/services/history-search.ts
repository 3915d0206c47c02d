/**
 * The searchMessages request: full-text search over the history kept on this computer (all conversations, or
 * one), newest first, a page at a time. Local only: it works whether or not any account is connected.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { SearchPage } from '../../app/domain/history-search.js';
import type { RequestPayload } from '../../app/ipc/contract.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { MessageDb } from '../store/messages/message-db.js';

export interface HistorySearchDeps {
  readonly db: Pick<MessageDb, 'search'>;
  /** Whether the account is set up (its history may be searched). */
  readonly accountExists: (accountId: AccountId) => Promise<boolean>;
}

export interface HistorySearch {
  search(request: RequestPayload<'searchMessages'>): Promise<SearchPage>;
}

export function createHistorySearch(deps: HistorySearchDeps): HistorySearch {
  return {
    search: async ({ text, accountId, peer, from, until, limit, offset }) => {
      if (accountId !== undefined && !(await deps.accountExists(accountId))) throw new UserFacingError('That account no longer exists.');
      // One more than the page: whether it comes says whether there are more, without counting them all.
      const hits = deps.db.search({
        text,
        accountId,
        peer,
        from: from === undefined ? undefined : new Date(from),
        until: until === undefined ? undefined : new Date(until),
        limit: limit + 1,
        offset,
      });
      return { hits: hits.slice(0, limit), more: hits.length > limit };
    },
  };
}
