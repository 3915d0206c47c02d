/**
 * The loadHistoryAround and loadNewerHistory requests: a conversation read from this computer around one
 * message (where a search result opens), then newer pages from there until its latest message. Older pages
 * keep coming through loadHistory (history-loading.ts), which also asks the server archive.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { HistoryAround, NewerPage } from '../../app/domain/history-search.js';
import type { RequestPayload } from '../../app/ipc/contract.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { MessageDb } from '../store/messages/message-db.js';

export interface HistoryAroundDeps {
  readonly db: Pick<MessageDb, 'around' | 'newer'>;
  readonly accountExists: (accountId: AccountId) => Promise<boolean>;
}

export interface HistoryAroundService {
  around(request: RequestPayload<'loadHistoryAround'>): Promise<HistoryAround>;
  newer(request: RequestPayload<'loadNewerHistory'>): Promise<NewerPage>;
}

export function createHistoryAround(deps: HistoryAroundDeps): HistoryAroundService {
  const mustExist = async (accountId: AccountId) => {
    if (!(await deps.accountExists(accountId))) throw new UserFacingError('That account no longer exists.');
  };
  return {
    around: async ({ accountId, peer, id, limit }) => {
      await mustExist(accountId);
      // The message a little above the middle: a search result is read with what led to it and what followed.
      const older = Math.floor((limit - 1) / 2);
      const found = deps.db.around(accountId, peer, id, older, limit - 1 - older);
      if (found === null) throw new UserFacingError('That message is no longer in your history.');
      return { messages: found.messages, reachedStart: found.reachedStart, latest: found.reachedEnd };
    },
    newer: async ({ accountId, peer, after, limit }) => {
      await mustExist(accountId);
      const page = deps.db.newer(accountId, peer, after, limit);
      return { messages: page.messages, latest: page.reachedEnd };
    },
  };
}
