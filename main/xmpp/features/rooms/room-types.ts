/**
 * What the rooms feature (XEP-0045 multi-user chat) tells its caller. The data the window also sees lives in
 * app/domain/rooms.ts (one home per concept); what stays here is the feature's own: join results, private
 * messages (not in the contract yet), what a rejoin needs, and the event table.
 */
import type { JoinError, Occupant, OccupantEvent, PrivateRoomMessage, RoomMessage, RoomMessageUpdate, RoomSetting, RoomSubject } from '../../../../app/domain/rooms.js';

export type { Affiliation, JoinError, JoinErrorKind, Occupant, OccupantEvent, PrivateRoomMessage, Role, RoomMessage, RoomMessageUpdate, RoomSubject } from '../../../../app/domain/rooms.js';

export type JoinResult =
  | {
      readonly ok: true;
      readonly room: string;
      /** Our nickname as the room gave it (it may change ours, status 210). */
      readonly nick: string;
      /** We made the room now (status 201) and unlocked it as an instant room. */
      readonly created: boolean;
      readonly occupants: readonly Occupant[];
      /** rooms: creation — for a room created with chosen settings, those its service did not offer. */
      readonly notApplied?: readonly RoomSetting[];
    }
  | ({ readonly ok: false; readonly room: string } & JoinError);

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
  /** A room had dropped us without a word (self-ping, XEP-0410): we joined it again, or could not (the result says). */
  rejoined: JoinResult;
}
