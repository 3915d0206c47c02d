/**
 * One account's conversations, kept in the message database (main/store/messages): live and sent messages,
 * the archived ones mapped onto those already stored, so one message keeps one local id however it reached
 * us (live, as a carbon, sent from here, or from the archive) and across restarts. The unread count, the
 * outgoing messages still to send or confirm, and the history pages come from there too.
 *
 * A full disk must not stop the chat: a message that cannot be saved is still shown (and the database has
 * told the user once that history is not being saved).
 */
import type { AccountId } from '../../app/domain/account.js';
import type { ChatMessage, MessageState } from '../../app/domain/chat.js';
import type { ConversationSummary } from '../../app/ipc/contract.js';
import { MessageDbError, type HistorySlice, type MessageDb, type StoreInput } from '../store/messages/message-db.js';
import { keysOf, namedIdOf } from '../xmpp/features/dedupe.js';

export interface ConversationStore {
  /** A live, carbon or sent message; null when it is stored already (it must not be shown twice). */
  add(message: ChatMessage): ChatMessage | null;
  /**
   * A message's delivery state changed. Returns the message as it now is, or null when it is not stored or
   * the change would move it backwards (a late "sent" must not undo "delivered").
   */
  update(id: string, state: MessageState, error: string | null): ChatMessage | null;
  /** An archived message as the window should see it: the copy already stored, or this one, now stored. */
  adopt(archived: ChatMessage): ChatMessage;
  /** The same for a message of a history page read backwards: stored as older than all that is stored. */
  adoptOlder(archived: ChatMessage): ChatMessage;
  /**
   * One page of the account-wide catch-up (newer than everything taken from the archive before), stored in one
   * transaction with the new sync point; answers the messages that were not stored yet, to be shown.
   */
  catchUp(messages: readonly ChatMessage[], last: string | null): ChatMessage[];
  /** Where the next catch-up starts: the newest archive id taken from the server (null: never synced). */
  syncPoint(): string | null;
  /** Stored messages of a conversation older than `before` (the newest when null), oldest first. */
  history(peer: string, before: string | null, limit: number): HistorySlice;
  /** Where the server archive continues for this conversation: its oldest stored archive id. */
  oldestArchiveId(peer: string): string | null;
  /** Our messages the server took but the contact has not confirmed yet (their receipts may still come). */
  awaitingReceipt(): ChatMessage[];
  /** Our messages not yet handed to the server, oldest first: sent after the next verified login. */
  queued(): ChatMessage[];
  summaries(): ConversationSummary[];
  markRead(peer: string): void;
  // issue 14: message changes
  /** The conversation's message a change names by its stanza id or origin-id; null when not stored. */
  byRef(peer: string, ref: string): ChatMessage | null;
  byId(id: string): ChatMessage | null;
  /** Stores a message's new text and changes (a full disk: shown, not saved, as for new messages). */
  saveChanges(message: ChatMessage): void;
}

function inputOf(message: ChatMessage, unread: boolean, older = false): StoreInput {
  const keys = keysOf(message.peer, { originId: message.originId, archiveId: message.archiveId, stanzaId: message.stanzaId, body: message.body });
  return { message, keys, unread, older };
}

/** The operation's answer, or `fallback` when the disk is full (the database reported it to the user). */
function unlessDiskFull<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MessageDbError && error.kind === 'disk-full') return fallback;
    throw error;
  }
}

export function createConversationStore(db: MessageDb, accountId: AccountId): ConversationStore {
  return {
    add: (message) =>
      unlessDiskFull(() => {
        const stored = db.store(inputOf(message, message.direction === 'in' && !message.carbon));
        return stored.added ? stored.message : null;
      }, message),
    update: (id, state, error) => unlessDiskFull(() => db.updateState(accountId, id, state, error), null),
    // Archived messages are history, not news: they do not count as unread.
    adopt: (archived) => unlessDiskFull(() => db.store(inputOf(archived, false)).message, archived),
    adoptOlder: (archived) => unlessDiskFull(() => db.store(inputOf(archived, false, true)).message, archived),
    catchUp: (messages, last) =>
      unlessDiskFull(
        () =>
          db
            .storeArchivePage(accountId, messages.map((m) => inputOf(m, m.direction === 'in')), last)
            .filter((stored) => stored.added)
            .map((stored) => stored.message),
        [...messages],
      ),
    syncPoint: () => db.lastArchiveId(accountId),
    history: (peer, before, limit) => db.history(accountId, peer, before, limit),
    oldestArchiveId: (peer) => db.oldestArchiveId(accountId, peer),
    awaitingReceipt: () => db.outgoing(accountId, ['sent']),
    queued: () => db.outgoing(accountId, ['queued']),
    summaries: () => db.conversations(accountId),
    markRead: (peer) => unlessDiskFull(() => db.markRead(accountId, peer), undefined),
    // issue 14: message changes
    byRef: (peer, ref) => db.messageByRef(accountId, peer, namedIdOf(peer, ref)),
    byId: (id) => db.messageById(accountId, id),
    saveChanges: (message) => unlessDiskFull(() => db.saveChanges(message), undefined),
  };
}
