/**
 * The room part of the IPC contract (group chats, issue 13): the requests' schemas, their answers and the
 * events. contract.ts spreads and extends these into the one contract, so the window's API and the main
 * process's checks still come from one table.
 */
import { z } from 'zod';
import type { AccountId } from '../domain/account.js';
import {
  MAX_BOOKMARK_NAME_CHARS,
  MAX_INVITATION_REASON_CHARS,
  MAX_MODERATION_REASON_CHARS,
  MAX_ROOM_DESCRIPTION_CHARS,
  MAX_ROOM_NAME_CHARS,
  type Bookmark,
  type CreatedRoom,
  type PrivateRoomMessage,
  type PublicRoom,
  type RoomChange,
  type RoomHistoryPage,
  type RoomInvitation,
  type RoomMessage,
  type RoomMessageUpdate,
  type RoomSummary,
} from '../domain/rooms.js';
import { ROOM_NOTIFY_LEVELS, type RoomNotifySetting } from '../domain/room-notify.js';
import { accountId, bareJid, body, domainName, FIELD_LIMITS, nick, password, roomJid } from './fields.js';

export const roomRequestSchemas = {
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
};

export interface RoomResponseTypes {
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
}

export interface RoomEventPayloads {
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
}
