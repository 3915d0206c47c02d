/**
 * The user's control over the history kept on this computer: delete one conversation, clear an account, export
 * a conversation. Only the local copy is touched: the server archive (if the server keeps one) still holds what
 * it held, and may fill a deleted conversation again when it is scrolled.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { ChatMessage } from '../../app/domain/chat.js';
import type { ConversationExport, ExportFormat } from '../../app/domain/history-control.js';
import type { MessageDb } from '../store/messages/message-db.js';
import { formatConversationExport } from './conversation-export.js';

/** One export holds at most this many messages (the newest): the document crosses IPC whole. */
export const MAX_EXPORT_MESSAGES = 100_000;
/** Messages read from the store per step while collecting an export. */
const EXPORT_PAGE = 1000;

export interface HistoryControl {
  deleteConversation(accountId: AccountId, peer: string): { readonly removed: number };
  clearAccount(accountId: AccountId): { readonly removed: number };
  exportConversation(accountId: AccountId, peer: string, format: ExportFormat): Promise<ConversationExport>;
}

export interface HistoryControlDeps {
  readonly messages: Pick<MessageDb, 'deleteConversation' | 'clearAccount' | 'history'>;
  readonly jidOf: (accountId: AccountId) => Promise<string>;
  readonly now: () => Date;
  /** Defaults to MAX_EXPORT_MESSAGES (tests pass a small one). */
  readonly maxExport?: number;
}

export function createHistoryControl(deps: HistoryControlDeps): HistoryControl {
  const max = deps.maxExport ?? MAX_EXPORT_MESSAGES;

  /** The conversation as stored, oldest first, newest `max` at most (read backwards in pages). */
  function collect(accountId: AccountId, peer: string): { messages: ChatMessage[]; complete: boolean } {
    const pages: (readonly ChatMessage[])[] = [];
    let count = 0;
    let before: string | null = null;
    for (;;) {
      const slice = deps.messages.history(accountId, peer, before, Math.min(EXPORT_PAGE, max - count));
      pages.unshift(slice.messages);
      count += slice.messages.length;
      const oldest = slice.messages[0];
      if (slice.reachedStart || oldest === undefined) return { messages: pages.flat(), complete: true };
      if (count >= max) return { messages: pages.flat(), complete: false };
      before = oldest.id;
    }
  }

  return {
    deleteConversation: (accountId, peer) => ({ removed: deps.messages.deleteConversation(accountId, peer) }),
    clearAccount: (accountId) => ({ removed: deps.messages.clearAccount(accountId) }),
    exportConversation: async (accountId, peer, format) => {
      const account = await deps.jidOf(accountId);
      const { messages, complete } = collect(accountId, peer);
      return formatConversationExport({ account, peer, exportedAt: deps.now(), messages, complete }, format);
    },
  };
}
