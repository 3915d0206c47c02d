/**
 * Creating a room with chosen settings and finding a service's public rooms, for one account (issue 13).
 *
 * A room is created by joining it (XEP-0045 §10.1): only the room's answer tells whether it was new (status
 * 201). When it was not, the address belonged to an existing room: we leave it again at once and say so, so
 * that "Create" never quietly lands the person in someone else's room (a room we are already in is refused
 * before anything is sent).
 */
import type { CreatedRoom, JoinErrorKind, PublicRoom, RoomConfig, RoomSummary } from '../../app/domain/rooms.js';
import { UserFacingError } from '../ipc/handlers.js';
import { StanzaError } from '../xmpp/link.js';
import type { Rooms } from '../xmpp/features/rooms/rooms.js';
import { plainly } from './room-refusals.js';

export const ROOM_EXISTS_TEXT = 'A room with this address already exists, so nothing was created (you did not stay in it). Join it instead, or choose another address.';

const EXISTING_ROOM_REFUSALS: ReadonlySet<JoinErrorKind> = new Set(['nickname-conflict', 'password-required', 'members-only', 'banned', 'room-full']);

export interface RoomCreationRequests {
  create(room: string, nick: string, config: RoomConfig): Promise<CreatedRoom>;
  publicRooms(service: string): Promise<readonly PublicRoom[]>;
}

export interface RoomCreationDeps {
  /** The rooms feature of the online session; throws a UserFacingError otherwise. */
  readonly online: () => Rooms;
  /** The room as the window sees it, once joined (null when we are not in it). */
  readonly summaryOf: (rooms: Rooms, room: string) => RoomSummary | null;
  /** Tells the window we are in a new room (of `rooms`, the session that made it). */
  readonly joined: (rooms: Rooms, summary: RoomSummary) => void;
}

export function createRoomCreation({ online, summaryOf, joined }: RoomCreationDeps): RoomCreationRequests {
  async function create(room: string, nick: string, config: RoomConfig): Promise<CreatedRoom> {
    const rooms = online();
    if (rooms.joined().some((spec) => spec.room === room)) throw new UserFacingError('You are already in this room, so it exists already.');
    const result = await rooms.join({ room, nick, password: config.password, config });
    if (!result.ok) {
      // These refusals come from a room that exists; the others (creation not allowed, no answer) do not.
      const exists = EXISTING_ROOM_REFUSALS.has(result.kind);
      throw new UserFacingError(exists ? `${ROOM_EXISTS_TEXT} ${result.text}` : result.text);
    }
    if (!result.created) {
      await rooms.leave(room).catch(() => undefined);
      throw new UserFacingError(ROOM_EXISTS_TEXT);
    }
    const summary = summaryOf(rooms, room);
    if (summary === null) throw new UserFacingError('You left the room while it was being made.');
    joined(rooms, summary);
    return { summary, notApplied: result.notApplied ?? [] };
  }

  return {
    create: (room, nick, config) => plainly(() => create(room, nick, config)),
    async publicRooms(service) {
      const rooms = online();
      try {
        return await rooms.listPublic(service);
      } catch (error) {
        if (error instanceof StanzaError) throw new UserFacingError(`${service} did not list its rooms (${error.condition}).`);
        throw error;
      }
    },
  };
}

