/**
 * What the message database offers the rest of main (message-db.ts implements it): the interface, what goes in
 * and comes out, and its typed error.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage, MessageState } from '../../../app/domain/chat.js';
import type { RoomMessage } from '../../../app/domain/rooms.js';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import type { SearchHit, SearchQuery } from './search.js';
import type { RoomHistorySlice, RoomStored } from './room-messages.js';
import type { NamedId } from './named-message.js';

export type MessageDbErrorKind = 'disk-full' | 'damaged';

export class MessageDbError extends Error {
  override readonly name = 'MessageDbError';
  constructor(
    readonly kind: MessageDbErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface StoreInput {
  readonly message: ChatMessage;
  /** What the message is known by in its conversation (dedupe.ts keysOf). */
  readonly keys: readonly string[];
  /** An incoming message the user has not seen (not a carbon, not in the open conversation). */
  readonly unread?: boolean;
  /**
   * Older than everything stored (a history page read backwards): sorts before what is stored when the
   * times tie. A page's messages are stored newest first for this, so they keep their order.
   */
  readonly older?: boolean;
}

export interface Stored {
  /** The message as stored: the earlier copy (its local id and state) when it was there already. */
  readonly message: ChatMessage;
  readonly added: boolean;
}

export interface HistorySlice {
  /** Oldest first. */
  readonly messages: readonly ChatMessage[];
  /** Nothing older is stored. */
  readonly reachedStart: boolean;
}

/** A conversation around one message, oldest first (HistoryAround in the contract). */
export interface HistoryWindow {
  readonly messages: readonly ChatMessage[];
  readonly reachedStart: boolean;
  readonly reachedEnd: boolean;
}

export interface MessageDb {
  store(input: StoreInput): Stored;
  /** One archive page in one transaction; with `lastArchiveId`, the next catch-up starts after it. */
  storeArchivePage(accountId: AccountId, inputs: readonly StoreInput[], lastArchiveId: string | null): Stored[];
  /** Changes a stored message's delivery state; null when unknown or when it would go backwards. */
  updateState(accountId: AccountId, id: string, state: MessageState, error: string | null): ChatMessage | null;
  /** Up to `limit` messages older than the message `before` (the newest when null), oldest first. */
  history(accountId: AccountId, peer: string, before: string | null, limit: number): HistorySlice;
  /**
   * The message `id` of the conversation with up to `older` messages before it and `newer` after it, oldest
   * first (where a search result opens); null when the conversation has no such message.
   */
  around(accountId: AccountId, peer: string, id: string, older: number, newer: number): HistoryWindow | null;
  /** Up to `limit` messages newer than the message `after`, oldest first; none when it is not stored. */
  newer(accountId: AccountId, peer: string, after: string, limit: number): { readonly messages: readonly ChatMessage[]; readonly reachedEnd: boolean };
  conversations(accountId: AccountId): ConversationSummary[];
  markRead(accountId: AccountId, peer: string): void;
  /** Our messages in these states, oldest first: the queue to send again, the receipts still to come. */
  outgoing(accountId: AccountId, states: readonly MessageState[]): ChatMessage[];
  lastArchiveId(accountId: AccountId): string | null;
  /** The archive id of the oldest stored message of the conversation that has one: where the archive continues. */
  oldestArchiveId(accountId: AccountId, peer: string): string | null;
  search(query: SearchQuery): SearchHit[];
  deleteConversation(accountId: AccountId, peer: string): number;
  clearAccount(accountId: AccountId): number;
  /** Deletes messages older than `before` (the retention setting), room messages too; returns how many. */
  prune(before: Date): number;
  // Room messages (XEP-0045 group chats; room-messages.ts).
  /**
   * Stores one room's messages in one transaction, in the room's order, each once (keyed by the room's archive
   * id); `after`: the archive id they follow (a page read after it), so none sorts before it.
   */
  storeRoomMessages(messages: readonly RoomMessage[], after?: string | null): RoomStored[];
  /** Our room message reached the room (its archive id) or was refused; null when unknown or backwards. */
  settleRoomMessage(accountId: AccountId, id: string, update: { state: MessageState; archiveId: string | null; error: string | null }): RoomMessage | null;
  roomHistory(accountId: AccountId, room: string, before: string | null, limit: number): RoomHistorySlice;
  /** Where the room's next archive query starts (null: never read to its end). */
  roomSyncPoint(accountId: AccountId, room: string): string | null;
  setRoomSyncPoint(accountId: AccountId, room: string, archiveId: string): void;
  /** The archive id of the room's newest stored message that has one. */
  newestRoomArchiveId(accountId: AccountId, room: string): string | null;
  // issue 14: read markers (read-positions.ts)
  /** The contact read up to our message `marked`: the local id of the new read position, null when unchanged. */
  contactReadUpTo(accountId: AccountId, peer: string, marked: NamedId): string | null;
  /** The local id of our newest message the contact has read; null when none. */
  readPosition(accountId: AccountId, peer: string): string | null;
  /** We read up to their message `marked` on another device: the new unread count, null when not stored. */
  readElsewhereUpTo(accountId: AccountId, peer: string, marked: NamedId): number | null;
  // issue 14: message changes (migration 7; found as named-message.ts says)
  /** The conversation's message a change names (its stanza id or origin-id), the oldest if several. */
  messageByRef(accountId: AccountId, peer: string, ref: NamedId): ChatMessage | null;
  messageById(accountId: AccountId, id: string): ChatMessage | null;
  /** Writes a message's body and changes (correction, retraction, reactions) as they now are. */
  saveChanges(message: ChatMessage): void;
  close(): void;
}
