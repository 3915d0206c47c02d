/**
 * Rooms (XEP-0045 group chats) as the window sees them: the room, its occupants, its messages and what
 * happens in it. Every string here came from the network: render it as text only.
 */
import type { AccountId } from './account.js';
import type { MessageState } from './chat.js';

/** The longest nickname accepted (a resourcepart, RFC 7622: 1023 bytes; counted here in characters). */
export const MAX_NICK_CHARS = 1023;
/** The longest subject kept (longer ones from a room are cut). */
export const MAX_SUBJECT_CHARS = 1_000;

/** XEP-0045 §5.1: what an occupant may do in the room now. 'none' means not in the room. */
export type Role = 'moderator' | 'participant' | 'visitor' | 'none';
/** XEP-0045 §5.2: the occupant's lasting standing with the room. 'outcast' means banned. */
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

export interface Occupant {
  /** The occupant's nickname: the resource of its occupant JID (room@service/nick). */
  readonly nick: string;
  readonly role: Role;
  readonly affiliation: Affiliation;
  /** The occupant's real bare JID when the room shows it to us (non-anonymous room, or we moderate). */
  readonly realJid: string | null;
}

/** Why a join failed, one kind per answer a room can give (XEP-0045 §7.2.7 to §7.2.11), plus our own limits. */
export type JoinErrorKind =
  | 'nickname-conflict'
  | 'password-required'
  | 'members-only'
  | 'banned'
  | 'room-not-found'
  | 'not-allowed'
  | 'room-full'
  | 'refused'
  | 'timeout'
  | 'disconnected';

export interface JoinError {
  readonly kind: JoinErrorKind;
  /** One sentence for the person joining. */
  readonly text: string;
  /** For 'nickname-conflict': another nickname to offer instead. */
  readonly suggestedNick: string | null;
}

/** Someone arrived, went, or changed in a room we are in; `self` when it is us. `text` is in plain words. */
export type OccupantEvent = { readonly room: string; readonly self: boolean; readonly text: string } & (
  | { readonly kind: 'joined'; readonly occupant: Occupant }
  | { readonly kind: 'left'; readonly occupant: Occupant }
  | { readonly kind: 'nick-changed'; readonly occupant: Occupant; readonly newNick: string }
  | { readonly kind: 'kicked'; readonly occupant: Occupant; readonly reason: string | null }
  | { readonly kind: 'banned'; readonly occupant: Occupant; readonly reason: string | null }
  /** Taken out for another reason: lost membership (321), the room became members-only (322), shut down (332). */
  | { readonly kind: 'removed'; readonly occupant: Occupant; readonly reason: string | null }
  | { readonly kind: 'changed'; readonly occupant: Occupant; readonly before: Occupant }
);

export interface RoomMessage {
  /** Local id, unique per account. */
  readonly id: string;
  readonly accountId: AccountId;
  /** The room's bare JID. */
  readonly room: string;
  /** The sender's nickname at the time. */
  readonly nick: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  /** ISO time: the room's delay stamp when present, else when we saw it. */
  readonly at: string;
  readonly state: MessageState;
  readonly stanzaId: string | null;
  readonly originId: string | null;
  /** XEP-0359 stanza-id the room gave it (`by` = the room): its id in the room's archive. */
  readonly archiveId: string | null;
  // rooms: mentions and notifications
  /** The sender marked it as mentioning us (an XEP-0372 reference to our occupant address); absent: not marked. */
  readonly mentionsMe?: boolean;
}

export interface RoomSubject {
  readonly room: string;
  /** Empty when the subject was cleared (or never set). */
  readonly subject: string;
  /** The nickname that set it, when the room says (null when the room itself sends it). */
  readonly by: string | null;
}

export interface RoomMessageUpdate {
  readonly room: string;
  /** The local id of our message. */
  readonly id: string;
  readonly state: 'delivered' | 'failed';
  readonly archiveId: string | null;
  readonly error: string | null;
}

/**
 * How the room is reached (issue 13, trust). On our own server's domain or a subdomain of it, the room is
 * served by the server whose identity this client verified. On another domain, our server talks to the
 * room's server (federation): that server's identity is checked by our server, not by this client.
 */
export type RoomReach = 'own-server' | 'federated';

/** A room we are in, with what the window shows about it. */
export interface RoomSummary {
  readonly accountId: AccountId;
  /** The room's bare JID. */
  readonly room: string;
  /** Our nickname in the room. */
  readonly nick: string;
  /** null until the room sent one (it always does right after the join); empty when none is set. */
  readonly subject: string | null;
  readonly occupants: readonly Occupant[];
  readonly reach: RoomReach;
  /** The room's own name, once it has told it (disco#info); absent when it has none: shown by its address then. */
  readonly name?: string;
}

/** What changed in a room we are in; `text` is the plain-words sentence to show (null when nothing to say). */
export interface RoomChange {
  readonly accountId: AccountId;
  readonly room: string;
  readonly kind: 'joined' | 'left' | 'occupants' | 'subject' | 'name';
  readonly text: string | null;
  /** The room as it is now; null once we are out of it. */
  readonly summary: RoomSummary | null;
}

/** Longest bookmark name we keep (a label in a list, not a document). */
export const MAX_BOOKMARK_NAME_CHARS = 200;
/** Longest room password we keep from a bookmark. */
export const MAX_BOOKMARK_PASSWORD_CHARS = 1_000;
/** How many bookmarks one account keeps: more are not read (a hostile or broken store cannot flood us). */
export const MAX_BOOKMARKS = 1_000;

/**
 * A room the account remembers (XEP-0402 native bookmarks, stored on the account's own server and shared by
 * all its clients): joined at login when `autojoin` is set, with `nick` (or the account's name when null).
 */
export interface Bookmark {
  readonly room: string;
  readonly name: string | null;
  readonly autojoin: boolean;
  readonly nick: string | null;
  readonly password: string | null;
}

// rooms: moderation (private messages, kick and ban reasons)
/** A private message with one occupant, through the room (XEP-0045 §7.5). Not kept in the local history. */
export interface PrivateRoomMessage {
  readonly id: string;
  readonly accountId: AccountId;
  readonly room: string;
  /** The other occupant's nickname (ours is the room's own). */
  readonly nick: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  readonly at: string;
}

/** The longest reason we send with a kick or a ban (rooms show it to everyone). */
export const MAX_MODERATION_REASON_CHARS = 300;

// rooms: room history (issue 13, items 1 and 7)
/** A page of a room's history as stored on this computer (loadRoomHistory), oldest first. */
export interface RoomHistoryPage {
  readonly messages: readonly RoomMessage[];
  /** Nothing older is stored. */
  readonly complete: boolean;
}

// rooms: invitations
/** Longest invitation reason kept, and longest room password taken from an invitation (longer: dropped). */
export const MAX_INVITATION_REASON_CHARS = 500;
export const MAX_INVITATION_PASSWORD_CHARS = 1_000;
/** How many invitations one account keeps waiting for an answer: beyond that the oldest are dropped. */
export const MAX_PENDING_INVITATIONS = 50;

/**
 * Someone asked us into a room: directly (XEP-0249, from a person) or through the room (XEP-0045 §7.8, from
 * the room itself). A request only: joining stays the user's choice. Every text came from the network.
 */
export interface RoomInvitation {
  readonly id: string;
  readonly room: string;
  /**
   * Who invited us: their bare JID; for a room that hides real addresses, their occupant address
   * (room@service/nick), as that is all the room says.
   */
  readonly from: string;
  readonly via: 'direct' | 'mediated';
  readonly reason: string | null;
  readonly password: string | null;
  /** ISO time we received it. */
  readonly receivedAt: string;
}

// rooms: creation and search (roomcreate)
/** Longest room name and description a creator may give (labels and a short line, not documents). */
export const MAX_ROOM_NAME_CHARS = 200;
export const MAX_ROOM_DESCRIPTION_CHARS = 1_000;
/** How many of a room service's public rooms are listed: a big service is searched by name, not scrolled. */
export const MAX_PUBLIC_ROOMS = 200;

/** The settings chosen when creating a room (XEP-0045 §10.1.3, the muc#roomconfig form). */
export interface RoomConfig {
  /** The room's display name; null leaves the service's default (usually the address's local part). */
  readonly name: string | null;
  readonly description: string | null;
  /** Kept when the last person leaves. */
  readonly persistent: boolean;
  /** Only members may join. */
  readonly membersOnly: boolean;
  /** Only people given a voice may write. */
  readonly moderated: boolean;
  /** Listed by the room service (found by room search); a hidden room is found only by its address. */
  readonly public: boolean;
  /** null: no password. */
  readonly password: string | null;
}
export type RoomSetting = keyof RoomConfig;

/** A room the room service lists (disco#items): its address and name when it gave one. */
export interface PublicRoom {
  readonly room: string;
  readonly name: string | null;
}

/** A room we made and joined, with the chosen settings the room service did not offer (so not applied). */
export interface CreatedRoom {
  readonly summary: RoomSummary;
  readonly notApplied: readonly RoomSetting[];
}
