/**
 * The IPC contract: the single source of truth for what the renderer may ask of the main process and what
 * the main process pushes back. The main process validates every request against `requestSchemas`
 * (payloads are untrusted: a compromised renderer can send anything); the renderer's API type is derived
 * from the same tables, so the two sides cannot drift.
 */
import { z } from 'zod';
import { TRUST_DECISIONS, type AccountId, type AccountView, type ConnectionState, type TrustDecisionRequest } from '../domain/account.js';
import type { AppInfo } from '../domain/app-info.js';
import { SHA256_HEX, type ExtraCaView } from '../domain/extra-ca.js';
import {
  CHAT_STATES,
  PRESENCE_CHOICES,
  SUBSCRIPTION_ACTIONS,
  type ChatMessage,
  type ChatState,
  type ContactPresence,
  type HistoryPage,
  type MessageState,
  type RosterItem,
  type SubscriptionRequest,
} from '../domain/chat.js';
import type { HistoryAround, NewerPage, SearchPage } from '../domain/history-search.js';
import type { ReadMarkerChange, ReadMarkerSettings } from '../domain/read-markers.js';
import { EXPORT_FORMATS, MAX_KEEP_DAYS, type ConversationExport, type HistoryRetention } from '../domain/history-control.js';
import { XMPP_CLIENT_SERVICE, type Pin } from '../domain/trust.js';
import type { PoshCacheEntry, TrustLogEntry } from '../domain/trust-records.js';
import type { EventName, RequestName } from './channels.js';
import { MAX_REACTION_LENGTH, MAX_REACTIONS_PER_PERSON } from '../domain/message-changes.js';
import {
  accountId,
  bareJid,
  body,
  displayName,
  domainName,
  FIELD_LIMITS,
  group,
  password,
  publishedFingerprint,
  resource,
  server,
} from './fields.js';
import { roomRequestSchemas, type RoomEventPayloads, type RoomResponseTypes } from './room-contract.js';
// issue 14: avatars and nicknames
import { avatarRequestSchemas, type AvatarEventPayloads, type AvatarResponseTypes } from './avatar-contract.js';
import { blockingRequestSchemas, type BlockingEventPayloads, type BlockingResponseTypes } from './blocking-contract.js'; // issue 14: blocking
import { fileRequestSchemas, type FileEventPayloads, type FileResponseTypes } from './file-contract.js'; // issue 14: files
import { omemoRequestSchemas, type OmemoEventPayloads, type OmemoResponseTypes } from './omemo-contract.js'; // issue 15: OMEMO

export { FIELD_LIMITS } from './fields.js';

/** Request payload schemas. `z.void()` means the operation takes no argument. */
export const requestSchemas = {
  getInfo: z.void(),

  listAccounts: z.void(),
  addAccount: z.strictObject({
    jid: bareJid,
    password,
    rememberPassword: z.boolean(),
    resource: resource.optional(),
    server: server.optional(),
    autoConnect: z.boolean().optional(),
  }),
  updateAccount: z.strictObject({
    accountId,
    resource: resource.optional(),
    server: server.optional(),
    autoConnect: z.boolean().optional(),
    enabled: z.boolean().optional(),
    rememberPassword: z.boolean().optional(),
    password: password.optional(),
  }),
  /** `deleteHistory`: also delete the account's history on this computer (absent: yes, the account is gone). */
  removeAccount: z.strictObject({ accountId, deleteHistory: z.boolean().optional() }),
  connect: z.strictObject({ accountId, password: password.optional() }),
  disconnect: z.strictObject({ accountId }),
  decideTrust: z.strictObject({
    requestId: z.string().min(1).max(128),
    decision: z.enum(TRUST_DECISIONS),
  }),

  getRoster: z.strictObject({ accountId }),
  addContact: z.strictObject({ accountId, jid: bareJid, name: displayName.optional(), groups: z.array(group).max(64).optional() }),
  updateContact: z.strictObject({ accountId, jid: bareJid, name: displayName.nullable(), groups: z.array(group).max(64) }),
  removeContact: z.strictObject({ accountId, jid: bareJid }),
  answerSubscription: z.strictObject({ accountId, jid: bareJid, approve: z.boolean() }),
  changeSubscription: z.strictObject({ accountId, jid: bareJid, action: z.enum(SUBSCRIPTION_ACTIONS) }),
  setPresence: z.strictObject({
    accountId,
    show: z.enum(PRESENCE_CHOICES),
    status: z.string().max(FIELD_LIMITS.status).nullable(),
  }),

  listConversations: z.strictObject({ accountId }),
  sendMessage: z.strictObject({ accountId, to: bareJid, body }),
  sendChatState: z.strictObject({ accountId, to: bareJid, state: z.enum(CHAT_STATES) }),
  loadHistory: z.strictObject({
    accountId,
    peer: bareJid,
    /** The local id of the oldest message shown; absent for the newest page. */
    before: z.string().min(1).max(256).optional(),
    limit: z.number().int().min(1).max(200),
  }),
  markRead: z.strictObject({ accountId, peer: bareJid }),

  ...roomRequestSchemas,
  // issue 14: avatars and nicknames
  ...avatarRequestSchemas,
  searchMessages: z.strictObject({
    text: z.string().min(1).max(200),
    accountId: accountId.optional(),
    peer: bareJid.optional(),
    /** Only messages at or after `from` and before `until`: ISO times with their offset (Date.toISOString). */
    from: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(50),
    offset: z.number().int().min(0).max(10_000).optional(),
  }),
  /** A conversation around one message (a search result): `id` is its local id. */
  loadHistoryAround: z.strictObject({ accountId, peer: bareJid, id: z.string().min(1).max(256), limit: z.number().int().min(1).max(200) }),
  /** Newer than the newest message shown (`after`, its local id), after loadHistoryAround. */
  loadNewerHistory: z.strictObject({ accountId, peer: bareJid, after: z.string().min(1).max(256), limit: z.number().int().min(1).max(200) }),
  /** Deletes the conversation from this computer only (the server archive may still hold it). */
  deleteConversationHistory: z.strictObject({ accountId, peer: bareJid }),
  clearAccountHistory: z.strictObject({ accountId }),
  exportConversation: z.strictObject({ accountId, peer: bareJid, format: z.enum(EXPORT_FORMATS) }),
  getHistoryRetention: z.void(),
  /** null: keep forever. */
  setHistoryRetention: z.strictObject({ keepDays: z.number().int().min(1).max(MAX_KEEP_DAYS).nullable() }),

  listPins: z.void(),
  /** A pin from a fingerprint published elsewhere (SHA-256 of the public key), before the first connection. */
  addPin: z.strictObject({ domain: domainName, service: z.literal(XMPP_CLIENT_SERVICE), spkiSha256: publishedFingerprint }),
  removePin: z.strictObject({ domain: domainName, service: z.literal(XMPP_CLIENT_SERVICE) }),
  listPoshCache: z.void(),
  forgetPosh: z.strictObject({ domain: domainName }),
  getTrustLog: z.strictObject({ accountId }),
  exportTrustLog: z.strictObject({ accountId }),
  listExtraCas: z.void(),
  /** No argument: main opens the file dialog itself, so the window never names a file to trust. */
  addExtraCa: z.void(),
  removeExtraCa: z.strictObject({ sha256: z.string().regex(SHA256_HEX, 'must be a SHA-256 fingerprint in lower-case hex') }),

  openExternal: z.strictObject({ url: z.string().min(1).max(8192) }),
  ...blockingRequestSchemas, // issue 14: blocking
  ...omemoRequestSchemas, // issue 15: OMEMO devices and their trust

  // issue 14: read markers
  /** The window showed this conversation to the person (focused, visible): main may send a read marker. */
  markDisplayed: z.strictObject({ accountId, peer: bareJid }),
  getReadPosition: z.strictObject({ accountId, peer: bareJid }),
  getReadMarkerSettings: z.void(),
  setReadMarkerSettings: z.strictObject({ sendReadMarkers: z.boolean() }),
  ...fileRequestSchemas, // issue 14: files
  // issue 14: message changes. `id`: the local id of the message to change or answer.
  changeMessage: z.strictObject({
    accountId,
    peer: bareJid,
    id: z.string().min(1).max(256),
    change: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('correct'), body }),
      z.strictObject({ kind: z.literal('retract') }),
      /** Our complete set of reactions to the message (empty: none). */
      z.strictObject({ kind: z.literal('react'), emojis: z.array(z.string().min(1).max(MAX_REACTION_LENGTH)).max(MAX_REACTIONS_PER_PERSON) }),
    ]),
  }),
  sendReply: z.strictObject({ accountId, to: bareJid, body, replyTo: z.string().min(1).max(256) }),
} satisfies Record<RequestName, z.ZodType>;

export interface ConversationSummary {
  readonly peer: string;
  readonly lastMessage: ChatMessage | null;
  readonly unread: number;
}

/** What each request answers with when it succeeds. */
export interface ResponseTypes extends RoomResponseTypes, AvatarResponseTypes, BlockingResponseTypes, FileResponseTypes, OmemoResponseTypes {
  getInfo: AppInfo;
  listAccounts: readonly AccountView[];
  addAccount: AccountView;
  updateAccount: AccountView;
  removeAccount: null;
  connect: null;
  disconnect: null;
  decideTrust: null;
  getRoster: { readonly items: readonly RosterItem[]; readonly presence: readonly ContactPresence[] };
  addContact: null;
  updateContact: null;
  removeContact: null;
  answerSubscription: null;
  changeSubscription: null;
  setPresence: null;
  listConversations: readonly ConversationSummary[];
  sendMessage: ChatMessage;
  sendChatState: null;
  loadHistory: HistoryPage;
  markRead: null;
  searchMessages: SearchPage;
  loadHistoryAround: HistoryAround;
  loadNewerHistory: NewerPage;
  /** How many messages were deleted. */
  deleteConversationHistory: { readonly removed: number };
  clearAccountHistory: { readonly removed: number };
  exportConversation: ConversationExport;
  getHistoryRetention: HistoryRetention;
  /** The setting as saved, and how many messages it deleted at once. */
  setHistoryRetention: HistoryRetention & { readonly removed: number };
  listPins: readonly Pin[];
  addPin: Pin;
  removePin: null;
  listPoshCache: readonly PoshCacheEntry[];
  forgetPosh: null;
  getTrustLog: readonly TrustLogEntry[];
  exportTrustLog: { readonly fileName: string; readonly json: string };
  listExtraCas: readonly ExtraCaView[];
  /** The authorities added; empty when the person closed the file dialog. */
  addExtraCa: readonly ExtraCaView[];
  removeExtraCa: null;
  openExternal: null;
  // issue 14: read markers
  markDisplayed: null;
  /** The local id of our newest message the contact has read; null when none. */
  getReadPosition: { readonly id: string | null };
  getReadMarkerSettings: ReadMarkerSettings;
  setReadMarkerSettings: ReadMarkerSettings;
  // issue 14: message changes: the message as it now is.
  changeMessage: ChatMessage;
  sendReply: ChatMessage;
}

/** What each event carries. */
export interface EventPayloads extends RoomEventPayloads, AvatarEventPayloads, BlockingEventPayloads, FileEventPayloads, OmemoEventPayloads {
  appNotice: { readonly level: 'info' | 'warning' | 'error'; readonly text: string };
  accountsChanged: readonly AccountView[];
  connectionChanged: { readonly accountId: AccountId; readonly state: ConnectionState };
  trustDecisionNeeded: TrustDecisionRequest;
  rosterChanged: { readonly accountId: AccountId; readonly items: readonly RosterItem[] };
  presenceChanged: { readonly accountId: AccountId; readonly presence: ContactPresence };
  subscriptionRequested: SubscriptionRequest;
  messageReceived: ChatMessage;
  messageUpdated: { readonly accountId: AccountId; readonly id: string; readonly state: MessageState; readonly error: string | null };
  chatStateChanged: { readonly accountId: AccountId; readonly peer: string; readonly state: ChatState };
  /** An xmpp: URI was opened (RFC 5122): show that chat. */
  openChat: { readonly jid: string };
  // issue 14: read markers
  readMarkerChanged: ReadMarkerChange;
  // issue 14: message changes: the whole message as it now is (corrected, retracted, reactions).
  messageChanged: ChatMessage;
}

export type RequestPayload<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

// Compile-time checks that the tables cover exactly the names in channels.ts.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _responsesCoverRequests: Exact<keyof ResponseTypes, RequestName> = true;
const _payloadsCoverEvents: Exact<keyof EventPayloads, EventName> = true;
void _responsesCoverRequests;
void _payloadsCoverEvents;
