/**
 * What the contract's chat requests need from an online account. An implementation is attached to each
 * session when it comes online (built from main/xmpp/features); while offline the services answer from
 * what they kept or explain that the account is offline.
 */
import type { ChatMessage, ChatState, ContactPresence, MessageEncryption, HistoryPage, PresenceChoice, RosterItem, SubscriptionAction } from '../../app/domain/chat.js';
import type { ConversationSummary } from '../../app/ipc/contract.js';
import type { RoomRequests } from './account-rooms.js';
import type { RoomHistoryPage } from '../../app/domain/rooms.js';
import type { RoomInvitationRequests } from './room-invitations.js';
import type { BlockingRequests } from './account-blocking.js'; // issue 14: blocking
import type { SlotRequest, UploadService, UploadSlot } from '../xmpp/features/http-upload.js';
import type { ChangeRequest } from './message-changes-service.js';

export interface ChatFeatures {
  roster(): { readonly items: readonly RosterItem[]; readonly presence: readonly ContactPresence[] };
  addContact(jid: string, name: string | null, groups: readonly string[]): Promise<void>;
  updateContact(jid: string, name: string | null, groups: readonly string[]): Promise<void>;
  removeContact(jid: string): Promise<void>;
  answerSubscription(jid: string, approve: boolean): Promise<void>;
  changeSubscription(jid: string, action: SubscriptionAction): Promise<void>;
  setPresence(show: PresenceChoice, status: string | null): Promise<void>;
  conversations(): readonly ConversationSummary[];
  sendMessage(to: string, body: string): Promise<ChatMessage>;
  sendChatState(to: string, state: ChatState): Promise<void>;
  loadHistory(peer: string, before: string | undefined, limit: number): Promise<HistoryPage>;
  markRead(peer: string): void;
  // issue 14: read markers
  /** The window showed the conversation to the person: a read marker for their newest message, if allowed. */
  markDisplayed(peer: string): Promise<void>;
  /** The local id of our newest message the contact has read; null when none. */
  readPosition(peer: string): string | null;
  /** Group chats (XEP-0045): these need the account online, except listing the rooms we are in. */
  readonly rooms: RoomRequests;
  /** A room's history as stored on this computer (room-history.ts); works offline too. */
  loadRoomHistory(room: string, before: string | undefined, limit: number): RoomHistoryPage;
  /** Room invitations: the waiting ones are kept while offline; answering and inviting need the account online. */
  readonly invitations: RoomInvitationRequests;
  // issue 14: blocking
  /** XEP-0191: the list works offline (as last seen in this run); blocking and unblocking need the account online. */
  readonly blocking: Pick<BlockingRequests, 'list' | 'block' | 'unblock'>;
  // issue 14: files
  readonly files: AccountFiles;
  // issue 14: message changes (message-changes-service.ts)
  changeMessage(peer: string, id: string, request: ChangeRequest): Promise<ChatMessage>;
  /** A new message answering the message `replyTo` (its local id) of the same conversation. */
  sendReply(to: string, body: string, replyTo: string): Promise<ChatMessage>;
  close(): void;
}

/** issue 14: files. What file sharing (file-sharing.ts) needs from one account. */
export interface AccountFiles {
  /** The server's XEP-0363 service (null: none); needs the account online. */
  uploadService(): Promise<UploadService | null>;
  requestSlot(service: string, request: SlotRequest): Promise<UploadSlot>;
  /**
   * issue 15: OMEMO. How a new message to `to` would be written now ({ kind: 'omemo' }, or undefined for
   * plaintext): an encrypted conversation's file is sealed before it is uploaded.
   */
  encryptionFor(to: string): Promise<MessageEncryption | undefined>;
  /**
   * Sends the link of an uploaded file through the outgoing queue like any message: an https link as body and
   * XEP-0066 link (refused by the queue if the conversation is encrypted by then); issue 15: an aesgcm link
   * (XEP-0454) only written encrypted with `encryption`, the one its file was sealed for.
   */
  sendSharedFile(to: string, url: string, encryption?: MessageEncryption): Promise<ChatMessage>;
  /** Whether `jid` (bare) is in the roster, for "load pictures from contacts only". */
  isContact(jid: string): boolean;
}
