/**
 * What one account does to people in its rooms, for the contract: private messages to an occupant, kick and
 * ban (the room decides whether our role and affiliation allow it), and changing our own nickname. Also
 * tells the window what the rooms feature noticed on its own: private messages that arrive, and a room
 * joined again after self-ping found it had dropped us.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { PrivateRoomMessage, RoomSummary } from '../../app/domain/rooms.js';
import { UserFacingError } from '../ipc/handlers.js';
import { StanzaError } from '../xmpp/link.js';
import { describeStanzaError } from '../xmpp/features/stanza-error.js';
import type { Rooms } from '../xmpp/features/rooms/rooms.js';
import type { EmitEvent } from './event-sink.js';

export interface RoomModeration {
  sendPrivate(room: string, nick: string, body: string): Promise<PrivateRoomMessage>;
  kick(room: string, nick: string, reason: string | null): Promise<void>;
  /** Bans the occupant's account: its real address, which the room must show us. */
  ban(room: string, nick: string, reason: string | null): Promise<void>;
  /** Answers the room with our new nickname. */
  changeNick(room: string, nick: string): Promise<RoomSummary>;
  /** Listens to a fresh session's rooms feature; answers the functions that stop listening. */
  attach(rooms: Rooms): Array<() => void>;
}

export interface RoomModerationDeps {
  readonly accountId: AccountId;
  readonly emit: EmitEvent;
  /** The rooms feature of the online session; throws a UserFacingError otherwise. */
  readonly online: () => Rooms;
  /** The room as the window sees it, null when we are not in it (account-rooms.ts). */
  readonly summaryOf: (rooms: Rooms, room: string) => RoomSummary | null;
  /** Runs a rooms call, the feature's own refusals (RoomError) turned into plain words. */
  readonly plainly: <T>(work: () => Promise<T>) => Promise<T>;
}

export function createRoomModeration(deps: RoomModerationDeps): RoomModeration {
  const { accountId, emit, plainly } = deps;

  /** The room's refusal (not a moderator, not an admin...) in plain words. */
  async function asked(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof StanzaError) throw new UserFacingError(`The room refused: ${describeStanzaError({ condition: error.condition, text: error.text })}`);
      throw error;
    }
  }

  return {
    sendPrivate: (room, nick, body) => plainly(() => deps.online().sendPrivate(room, nick, body)),
    kick: (room, nick, reason) => plainly(() => asked(() => deps.online().kick(room, nick, reason))),
    ban: (room, nick, reason) =>
      plainly(async () => {
        const rooms = deps.online();
        const occupant = rooms.occupants(room).find((o) => o.nick === nick);
        if (occupant === undefined) throw new UserFacingError(`Nobody called “${nick}” is in this room now.`);
        if (occupant.realJid === null) throw new UserFacingError(`This room does not show you the address of “${nick}”, so they cannot be banned from here.`);
        const jid = occupant.realJid;
        await asked(() => rooms.ban(room, jid, reason));
      }),
    changeNick: (room, nick) =>
      plainly(async () => {
        const rooms = deps.online();
        const result = await rooms.changeNick(room, nick);
        if (!result.ok) throw new UserFacingError(result.text);
        const summary = deps.summaryOf(rooms, room);
        if (summary === null) throw new UserFacingError('You are no longer in this room.');
        return summary;
      }),
    attach: (rooms) => [
      rooms.on('privateMessage', (message) => emit('roomPrivateMessage', message)),
      // Self-ping (XEP-0410) found the room had lost track of us; rooms.ts joined it again, or could not.
      rooms.on('rejoined', (result) => {
        const summary = result.ok ? deps.summaryOf(rooms, result.room) : null;
        if (summary !== null) emit('roomChanged', { accountId, room: result.room, kind: 'joined', text: 'The room had lost track of you. You are back in.', summary });
        else {
          const why = result.ok ? '' : ` ${result.text}`;
          emit('roomChanged', { accountId, room: result.room, kind: 'left', text: `The room had lost track of you, and you could not join it again.${why}`, summary: null });
        }
      }),
    ],
  };
}
