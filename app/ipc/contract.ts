/**
 * The IPC contract: the single source of truth for what the renderer may ask of the main process and what
 * the main process pushes back. The main process validates every request against `requestSchemas`
 * (payloads are untrusted: a compromised renderer can send anything); the renderer's API type is derived
 * from the same tables, so the two sides cannot drift.
 */
import { z } from 'zod';
import { TRUST_DECISIONS, type AccountId, type AccountView, type ConnectionState, type TrustDecisionRequest } from '../domain/account.js';
import type { Parsed } from '../domain/address/address-problem.js';
import { parseDomain } from '../domain/address/domain-name.js';
import { MAX_JID_CHARS, parseBareJid } from '../domain/address/jid.js';
import type { AppInfo } from '../domain/app-info.js';
import { SHA256_HEX, type ExtraCaView } from '../domain/extra-ca.js';
import { MAX_FINGERPRINT_INPUT, parseFingerprint } from '../domain/fingerprint-input.js';
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
import { EXPORT_FORMATS, MAX_KEEP_DAYS, type ConversationExport, type HistoryRetention } from '../domain/history-control.js';
import { MAX_MODERATION_REASON_CHARS, type PrivateRoomMessage } from '../domain/rooms.js';
import {
  MAX_BOOKMARK_NAME_CHARS,
  MAX_INVITATION_REASON_CHARS,
  MAX_NICK_CHARS,
  MAX_ROOM_DESCRIPTION_CHARS,
  MAX_ROOM_NAME_CHARS,
  MAX_SUBJECT_CHARS,
  type Bookmark,
  type CreatedRoom,
  type PublicRoom,
  type RoomChange,
  type RoomHistoryPage,
  type RoomInvitation,
  type RoomMessage,
  type RoomMessageUpdate,
  type RoomSummary,
} from '../domain/rooms.js';
import { ROOM_NOTIFY_LEVELS, type RoomNotifySetting } from '../domain/room-notify.js';
import { XMPP_CLIENT_SERVICE, type Pin } from '../domain/trust.js';
import type { PoshCacheEntry, TrustLogEntry } from '../domain/trust-records.js';
import type { EventName, RequestName } from './channels.js';

// ---------- Field schemas: bounded, strict, no surprises ----------

/**
 * Runs one of the address model's parsers as a schema step: the handler receives the canonical form, and a
 * refusal carries the parser's plain-words reason.
 */
function parsedBy<T>(parse: (input: string) => Parsed<T>, pick: (value: T) => string) {
  return (input: string, context: z.RefinementCtx): string => {
    const parsed = parse(input);
    if (parsed.ok) return pick(parsed.value);
    context.addIssue({ code: 'custom', message: parsed.problem.message });
    return z.NEVER;
  };
}

/** The limits the window's forms show and the main process enforces: one table for both. */
export const FIELD_LIMITS = {
  jid: MAX_JID_CHARS,
  hostName: 253,
  password: 1024,
  resource: 1023,
  displayName: 1023,
  group: 1023,
  body: 256 * 1024,
  status: 1024,
  nick: MAX_NICK_CHARS,
  subject: MAX_SUBJECT_CHARS,
} as const;

const accountId = z.string().uuid();
/** A bare JID with a local part (an account or a contact), canonical: domain in U-labels (app/domain/address). */
const bareJid = z.string().max(FIELD_LIMITS.jid).transform(parsedBy(parseBareJid, (jid) => jid.bare));
/** A domain name, as the stores key it: the lower-case A-label. */
const domainName = z.string().max(FIELD_LIMITS.jid).transform(parsedBy(parseDomain, (domain) => domain.ascii));
/** A SHA-256 fingerprint in any form people paste (hex with or without colons, base64): the handler gets base64. */
const publishedFingerprint = z
  .string()
  .max(MAX_FINGERPRINT_INPUT)
  .transform((input, context) => {
    const parsed = parseFingerprint(input);
    if (parsed.ok) return parsed.base64;
    context.addIssue({ code: 'custom', message: parsed.problem.message });
    return z.NEVER;
  });
const hostName = z.string().min(1).max(FIELD_LIMITS.hostName).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or address');
const port = z.number().int().min(1).max(65_535);
const password = z.string().min(1).max(FIELD_LIMITS.password);
const resource = z.string().min(1).max(FIELD_LIMITS.resource);
const displayName = z.string().max(FIELD_LIMITS.displayName);
const group = z.string().min(1).max(FIELD_LIMITS.group);
const body = z.string().min(1).max(FIELD_LIMITS.body);
/** A room's address is a bare JID with a local part, like a contact's (room@rooms.example.org). */
const roomJid = bareJid;
const nick = z.string().min(1).max(FIELD_LIMITS.nick);
const server = z.strictObject({ host: hostName, port, directTls: z.boolean() }).nullable();

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

  /** The room services of the account's own server (disco#items on its domain). */
  listRoomServices: z.strictObject({ accountId }),
  /** Joins (creating an instant room when none exists); a refusal fails with the room's reason in plain words. */
  joinRoom: z.strictObject({ accountId, room: roomJid, nick, password: password.optional() }),
  leaveRoom: z.strictObject({ accountId, room: roomJid }),
  sendRoomMessage: z.strictObject({ accountId, room: roomJid, body }),
  /** An empty subject clears it. */
  setRoomSubject: z.strictObject({ accountId, room: roomJid, subject: z.string().max(FIELD_LIMITS.subject) }),
  listJoinedRooms: z.strictObject({ accountId }),
  /** The account's bookmarks (XEP-0402, on its own server, shared by all its clients). */
  listBookmarks: z.strictObject({ accountId }),
  /** Adds or replaces the bookmark of `room`; `autojoin` rooms are joined at each login (with `nick`, else the account's name). */
  setBookmark: z.strictObject({
    accountId,
    room: roomJid,
    name: z.string().min(1).max(MAX_BOOKMARK_NAME_CHARS).nullable(),
    autojoin: z.boolean(),
    nick: nick.nullable(),
    password: password.nullable(),
  }),
  removeBookmark: z.strictObject({ accountId, room: roomJid }),
  // rooms: moderation
  /** A private message to one occupant, through the room (XEP-0045 §7.5). */
  sendRoomPrivateMessage: z.strictObject({ accountId, room: roomJid, nick, body }),
  /** As a moderator: takes the occupant out of the room (they may come back). */
  kickOccupant: z.strictObject({ accountId, room: roomJid, nick, reason: z.string().max(MAX_MODERATION_REASON_CHARS).nullable() }),
  /** As an admin or owner: bans the occupant's account (its real address, which the room must show us). */
  banOccupant: z.strictObject({ accountId, room: roomJid, nick, reason: z.string().max(MAX_MODERATION_REASON_CHARS).nullable() }),
  /** Our nickname in the room; a taken or reserved one fails in plain words. */
  changeRoomNick: z.strictObject({ accountId, room: roomJid, nick }),
  // rooms: room history
  /** A room's history as stored on this computer: the newest page, then older than `before` (a local id). */
  loadRoomHistory: z.strictObject({ accountId, room: roomJid, before: z.string().min(1).max(256).optional(), limit: z.number().int().min(1).max(200) }),
  // rooms: mentions and notifications
  /** How much the room may notify on the desktop: every message, mentions of us (the default), or nothing. */
  setRoomNotify: z.strictObject({ accountId, room: roomJid, level: z.enum(ROOM_NOTIFY_LEVELS) }),
  /** The account's rooms whose setting is not the default ('mentions'). */
  listRoomNotify: z.strictObject({ accountId }),
  // rooms: invitations
  /** The invitations waiting for an answer (requests only: joining stays the user's click). */
  listRoomInvitations: z.strictObject({ accountId }),
  /** Forgets one; `decline` also tells the inviter when it came through the room (a direct one has no decline). */
  dismissRoomInvitation: z.strictObject({ accountId, id: z.string().min(1).max(256), decline: z.boolean() }),
  /** Invites a contact into a room we are in: through the room when we are its owner or admin, else directly (XEP-0249). */
  inviteToRoom: z.strictObject({ accountId, room: roomJid, jid: bareJid, reason: z.string().min(1).max(MAX_INVITATION_REASON_CHARS).optional() }),
  // rooms: creation and search
  /** Creates a room with these settings and joins it; fails (without staying in it) when the room already exists. */
  createRoom: z.strictObject({
    accountId,
    room: roomJid,
    nick,
    config: z.strictObject({
      name: z.string().min(1).max(MAX_ROOM_NAME_CHARS).nullable(),
      description: z.string().min(1).max(MAX_ROOM_DESCRIPTION_CHARS).nullable(),
      persistent: z.boolean(),
      membersOnly: z.boolean(),
      moderated: z.boolean(),
      public: z.boolean(),
      password: password.nullable(),
    }),
  }),
  /** The public rooms a room service lists (at most MAX_PUBLIC_ROOMS). */
  listPublicRooms: z.strictObject({ accountId, service: domainName }),
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
} satisfies Record<RequestName, z.ZodType>;

export interface ConversationSummary {
  readonly peer: string;
  readonly lastMessage: ChatMessage | null;
  readonly unread: number;
}

/** What each request answers with when it succeeds. */
export interface ResponseTypes {
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
  listRoomServices: readonly string[];
  joinRoom: RoomSummary;
  leaveRoom: null;
  /** Our message in state 'sent'; roomMessageUpdated says when the room has passed it on. */
  sendRoomMessage: RoomMessage;
  setRoomSubject: null;
  listJoinedRooms: readonly RoomSummary[];
  listBookmarks: readonly Bookmark[];
  setBookmark: null;
  removeBookmark: null;
  // rooms: moderation
  sendRoomPrivateMessage: PrivateRoomMessage;
  kickOccupant: null;
  banOccupant: null;
  /** The room with our new nickname. */
  changeRoomNick: RoomSummary;
  // rooms: room history
  loadRoomHistory: RoomHistoryPage;
  // rooms: mentions and notifications
  setRoomNotify: null;
  listRoomNotify: readonly RoomNotifySetting[];
  // rooms: invitations
  listRoomInvitations: readonly RoomInvitation[];
  dismissRoomInvitation: null;
  inviteToRoom: null;
  // rooms: creation and search
  createRoom: CreatedRoom;
  listPublicRooms: readonly PublicRoom[];
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
}

/** What each event carries. */
export interface EventPayloads {
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
  /** We joined or left a room, or its occupants or subject changed. */
  roomChanged: RoomChange;
  /** Someone else's message to a room we are in (our own come back as roomMessageUpdated). */
  roomMessageReceived: RoomMessage;
  roomMessageUpdated: { readonly accountId: AccountId } & RoomMessageUpdate;
  /** A bookmark was added, changed (`bookmark`) or removed (null), by this app or another client of the account. */
  bookmarkChanged: { readonly accountId: AccountId; readonly room: string; readonly bookmark: Bookmark | null };
  // rooms: moderation
  /** A private message from an occupant of a room we are in. */
  roomPrivateMessage: PrivateRoomMessage;
  // rooms: invitations
  /** Someone asked us into a room (a request: shown, never joined by itself); a repeat keeps its id. */
  roomInvitation: { readonly accountId: AccountId; readonly invitation: RoomInvitation };
  /** An xmpp: URI was opened (RFC 5122): show that chat. */
  openChat: { readonly jid: string };
}

export type RequestPayload<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

// Compile-time checks that the tables cover exactly the names in channels.ts.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _responsesCoverRequests: Exact<keyof ResponseTypes, RequestName> = true;
const _payloadsCoverEvents: Exact<keyof EventPayloads, EventName> = true;
void _responsesCoverRequests;
void _payloadsCoverEvents;
