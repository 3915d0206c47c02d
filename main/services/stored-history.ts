/**
 * An account's history as stored on this computer, for an account not connected in this run: its
 * conversations, their pages and the read marker work from the message database alone.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { MessageDb } from '../store/messages/message-db.js';
import type { ChatFeatures } from './chat-features.js';
import { createConversationStore } from './conversation-store.js';
import { loadStoredHistory } from './history-loading.js';
import { loadRoomHistory } from './room-history.js';

/** What of an account's chat works from the stored history alone. */
export type ChatHistory = Pick<ChatFeatures, 'conversations' | 'loadHistory' | 'markRead' | 'loadRoomHistory' | 'markDisplayed' | 'readPosition'>;

export function createStoredHistory(db: MessageDb, accountId: AccountId): ChatHistory {
  const store = createConversationStore(db, accountId);
  return {
    conversations: () => store.summaries(),
    loadHistory: (peer, before, limit) => loadStoredHistory(store, null, { peer, before, limit }),
    markRead: (peer) => store.markRead(peer),
    loadRoomHistory: (room, before, limit) => loadRoomHistory(db, accountId, room, before, limit),
    // issue 14: read markers. Not connected: nobody to tell; where the contact read up to is stored.
    markDisplayed: async () => undefined,
    readPosition: (peer) => db.readPosition(accountId, peer),
  };
}
