/**
 * What the rooms feature (XEP-0045 multi-user chat) tells its caller, as plain data. Kept in main/ for this
 * first slice: nothing crosses to the window yet; these move to app/domain/ when the contract needs them.
 */
import type { AccountId } from '../../../../app/domain/account.js';
import type { MessageState } from '../../../../app/domain/chat.js';

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

export type JoinResult =
  | {
      readonly ok: true;
      readonly room: string;
      /** Our nickname as the room gave it (it may change ours, status 210). */
      readonly nick: string;
      /** We made the room now (status 201) and unlocked it as an instant room. */
      readonly created: boolean;
      readonly occupants: readonly Occupant[];
    }
  | ({ readonly ok: false; readonly room: string } & JoinError);

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
}

/** A private message with one occupant, through the room (XEP-0045 §7.5). */
export interface PrivateRoomMessage {
  readonly id: string;
  readonly accountId: AccountId;
  readonly room: string;
  readonly nick: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  readonly at: string;
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

/** What is needed to join a room again after the session was lost. */
export interface RoomSpec {
  readonly room: string;
  readonly nick: string;
  readonly password: string | null;
}

export interface RoomsEvents {
  occupant: OccupantEvent;
  /** A message to the room from someone else. Never a duplicate, never our own reflected one. */
  message: RoomMessage;
  /** Our message reached the room (its reflection came back) or the room refused it. */
  updated: RoomMessageUpdate;
  subject: RoomSubject;
  privateMessage: PrivateRoomMessage;
  /** We are no longer in a room we had joined: we left, or were kicked, banned or removed. */
  left: { readonly room: string; readonly kind: 'left' | 'kicked' | 'banned' | 'removed'; readonly text: string };
}
