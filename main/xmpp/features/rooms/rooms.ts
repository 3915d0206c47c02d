/**
 * Rooms (XEP-0045 multi-user chat) for one online session: join with a nickname (creating an instant room
 * when it does not exist yet), leave, the occupants and what happens to them, the subject, messages to the
 * room and private messages to one occupant.
 *
 * A room is hostile input like any peer: a stanza counts only when its `from` is a room we are in (or are
 * joining), occupant and room counts are bounded, and every text is kept as text. Occupant presence and
 * room messages are left alone by presence.ts and messages.ts; this feature alone reads them: occupant
 * presence in occupant-presence.ts, messages in room-traffic.ts, and this file routes to them and sends.
 */
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import type { PublicRoom, RoomConfig } from '../../../../app/domain/rooms.js';
import { createEmitter, type Events } from '../emitter.js';
import { guarded, listenerFailure, type FeatureDeps } from '../feature-deps.js';
import { attr, isStanza } from '../stanza-read.js';
import { joinError } from './join-error.js';
import { validNick } from './muc-user.js';
import { createOccupantPresence } from './occupant-presence.js';
import { listPublicRooms } from './public-rooms.js';
import { fetchRoomName } from './room-info.js';
import { RoomError } from './room-error.js';
import { discoverRoomServices } from './room-service.js';
import { adminRequest, groupchatStanza, joinPresence, leavePresence, privateStanza, subjectStanza } from './room-stanzas.js';
import { finishJoin, type RoomState } from './room-state.js';
import { nickChangeError, nickChangePresence, nickChangeRefusal, type NickChangeResult } from './nick-change.js';
import { createRoomTraffic } from './room-traffic.js';
import { createSelfPing, SELF_PING_QUIET_MS } from './self-ping.js';
import type { JoinResult, Occupant, PrivateRoomMessage, RoomMessage, RoomSpec, RoomsEvents } from './room-types.js';

export { MAX_OCCUPANTS_PER_ROOM } from './occupant-presence.js';
export type { RoomsEvents } from './room-types.js';

export interface JoinOptions {
  readonly room: string;
  readonly nick: string;
  readonly password?: string | null;
  /** rooms: creation — settings for the room should this join create it (default: an instant room). */
  readonly config?: RoomConfig | null;
  /** How long to wait for the room's answer (default JOIN_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

export interface Rooms extends Events<RoomsEvents> {
  /** Our server's room services (usually one, e.g. rooms.example.org). */
  discover(): Promise<string[]>;
  /** Joins (or creates, as an instant room) and answers the typed result; it never rejects for a refusal. */
  join(options: JoinOptions): Promise<JoinResult>;
  /** Leaves; resolves when the room confirms (or after a while without an answer: we are out either way). */
  leave(room: string): Promise<void>;
  /** Sends to everyone; answers our message in state 'sent' ('updated' follows when the room reflects it). */
  send(room: string, body: string): Promise<RoomMessage>;
  sendPrivate(room: string, nick: string, body: string): Promise<PrivateRoomMessage>;
  setSubject(room: string, subject: string): Promise<void>;
  /** As a moderator: takes an occupant out of the room (they may come back). */
  kick(room: string, nick: string, reason?: string | null): Promise<void>;
  /** As an admin or owner: bans an account (its real bare JID) from the room. */
  ban(room: string, jid: string, reason?: string | null): Promise<void>;
  /** Our nickname in the room becomes `nick` (§7.6); answers the room's verdict, never rejects for a refusal. */
  changeNick(room: string, nick: string, timeoutMs?: number): Promise<NickChangeResult>;
  occupants(room: string): readonly Occupant[];
  subject(room: string): string | null;
  /** The rooms we are in, with what is needed to join them again in a later session. */
  joined(): readonly RoomSpec[];
  /** Joins these rooms again (after a session that could not be resumed), one result per room. */
  rejoin(rooms: readonly RoomSpec[]): Promise<JoinResult[]>;
  /**
   * Self-ping (XEP-0410): checks the rooms quiet for a while and joins again, through `rejoin`, those that
   * dropped us without a word (each told as 'rejoined'). Also runs by itself every `selfPingEveryMs`.
   */
  checkMembership(): Promise<void>;
  // rooms: creation and search
  /** The public rooms a room service lists (hidden ones are not), bounded. */
  listPublic(service: string): Promise<PublicRoom[]>;
  /** The room's own name (disco#info), or null when it gives none (room-info.ts). */
  name(room: string): Promise<string | null>;
  /** Stops listening; joins still waiting end as 'disconnected'. */
  dispose(): void;
}

/** Timing of the self-ping, for tests that cannot wait a quarter of an hour. */
export interface RoomsOptions {
  /** How often to look for rooms quiet for longer than `selfPingQuietMs` (null: never by itself). */
  readonly selfPingEveryMs?: number | null;
  readonly selfPingQuietMs?: number;
}

/** How often the rooms are looked at for a quiet spell (the spell itself is SELF_PING_QUIET_MS). */
export const SELF_PING_EVERY_MS = 60_000;

export const JOIN_TIMEOUT_MS = 30_000;
const LEAVE_TIMEOUT_MS = 10_000;
/** How many rooms one account can be in (or joining) at once. */
export const MAX_ROOMS = 1_000;

export function createRooms(deps: FeatureDeps, options: RoomsOptions = {}): Rooms {
  const { link, accountId, now, ids, log } = deps;
  const emitter = createEmitter<RoomsEvents>(listenerFailure('rooms', log));
  const rooms = new Map<string, RoomState>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const refuse = (reason: string, from: string | null) => log({ feature: 'rooms', reason, from });
  const selfPing = createSelfPing({ link, now, log, quietMs: options.selfPingQuietMs ?? SELF_PING_QUIET_MS });
  const forget = (state: RoomState) => {
    if (rooms.get(state.room) !== state) return;
    rooms.delete(state.room);
    selfPing.forget(state.room);
  };
  const onPresence = createOccupantPresence({ link, log, emit: emitter.emit, forget });
  const traffic = createRoomTraffic({ accountId, now, ids, log, emit: emitter.emit });

  function requireRoom(input: string): string {
    const jid = jidOrNull(input);
    if (jid === null || jid.local === null || jid.resource !== null) throw new RoomError('invalid-room', `Not a room address: ${JSON.stringify(input.slice(0, 100))}`);
    return jid.bare;
  }

  function requireJoined(input: string): RoomState {
    const state = rooms.get(requireRoom(input));
    if (state === undefined || state.phase !== 'joined') throw new RoomError('not-joined', 'You are not in this room.');
    return state;
  }

  const stopListening = link.onStanza(
    guarded('rooms', log, (stanza) => {
      const isPresence = isStanza(stanza, 'presence');
      if (!isPresence && !isStanza(stanza, 'message')) return;
      const from = jidOrNull(attr(stanza, 'from'));
      const state = from === null ? undefined : rooms.get(from.bare);
      if (state === undefined) {
        // Not a room we are in: other features' business, unless it claims to be room traffic.
        if (!isPresence && attr(stanza, 'type') === 'groupchat') refuse('groupchat message from a room we are not in', attr(stanza, 'from'));
        return;
      }
      selfPing.heard(state.room);
      if (isPresence) onPresence(stanza, state);
      else if (state.phase === 'joined') traffic.accept(stanza, state);
      else refuse('room message before we joined', attr(stanza, 'from'));
    }),
  );

  /** A time limit that dispose() also stops; answers the function that stops it earlier. */
  function startTimer(ms: number, run: () => void): () => void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return () => {
      clearTimeout(timer);
      timers.delete(timer);
    };
  }

  function join({ room: roomInput, nick: nickInput, password = null, config = null, timeoutMs = JOIN_TIMEOUT_MS }: JoinOptions): Promise<JoinResult> {
    const room = requireRoom(roomInput);
    const nick = validNick(nickInput);
    if (nick === null) throw new RoomError('invalid-nick', 'A nickname cannot be empty or contain control characters.');
    const existing = rooms.get(room);
    if (existing?.pending) return existing.pending;
    if (existing !== undefined) {
      return Promise.resolve({ ok: true, room, nick: existing.nick, created: false, occupants: [...existing.occupants.values()] });
    }
    if (rooms.size >= MAX_ROOMS) throw new RoomError('too-many-rooms', `You can be in at most ${MAX_ROOMS} rooms at once.`);

    const state: RoomState = { room, nick, password, config, phase: 'joining', occupants: new Map(), subject: null, settle: null, pending: null, leaving: null, stopTimer: () => undefined };
    state.pending = new Promise<JoinResult>((resolve) => {
      state.settle = resolve;
    });
    rooms.set(room, state);
    const pending = state.pending;
    state.stopTimer = startTimer(timeoutMs, () => {
      if (state.settle === null) return;
      forget(state);
      finishJoin(state, { ok: false, room, ...joinError('timeout') });
      // Should the room let us in after all, we are not staying.
      link.send(leavePresence(room, state.nick)).catch(() => undefined);
    });
    link.send(joinPresence(room, nick, password)).catch((error: unknown) => {
      forget(state);
      refuse(`could not send the join: ${error instanceof Error ? error.message : String(error)}`, room);
      finishJoin(state, { ok: false, room, ...joinError('disconnected') });
    });
    return pending;
  }

  const joinedSpecs = (): RoomSpec[] =>
    [...rooms.values()].filter((s) => s.phase === 'joined').map((s) => ({ room: s.room, nick: s.nick, password: s.password }));
  const rejoin = async (specs: readonly RoomSpec[]) => Promise.all(specs.map((spec) => join(spec)));

  async function checkMembership(): Promise<void> {
    for (const { room, verdict } of await selfPing.check(joinedSpecs())) {
      const state = rooms.get(room);
      if (verdict !== 'dropped' || state?.phase !== 'joined') continue;
      // The room no longer knows us: what we hold of it is stale. Join again as after a lost session.
      forget(state);
      const [result] = await rejoin([{ room, nick: state.nick, password: state.password }]);
      if (result !== undefined) emitter.emit('rejoined', result);
    }
  }
  const everyMs = options.selfPingEveryMs === undefined ? SELF_PING_EVERY_MS : options.selfPingEveryMs;
  const selfPingTimer =
    everyMs === null
      ? null
      : setInterval(() => {
          checkMembership().catch((error: unknown) => refuse(`self-ping failed: ${error instanceof Error ? error.message : String(error)}`, null));
        }, everyMs);
  selfPingTimer?.unref?.();

  return {
    on: emitter.on,
    discover: () => discoverRoomServices({ link, log }),
    join,
    async leave(roomInput) {
      const state = requireJoined(roomInput);
      let stop = (): void => undefined;
      const confirmed = new Promise<void>((resolve) => {
        state.leaving = resolve;
        stop = startTimer(LEAVE_TIMEOUT_MS, resolve);
      });
      try {
        await link.send(leavePresence(state.room, state.nick));
        await confirmed;
      } finally {
        stop();
        // Out of the room either way: a room that does not confirm is not waited for again.
        forget(state);
      }
    },
    async send(roomInput, body) {
      const state = requireJoined(roomInput);
      if (body.length === 0) throw new Error('A message needs a body.');
      const id = ids();
      traffic.track(id, state.room);
      await link.send(groupchatStanza(state.room, id, body));
      return {
        id,
        accountId,
        room: state.room,
        nick: state.nick,
        direction: 'out',
        body,
        at: now().toISOString(),
        state: 'sent',
        stanzaId: id,
        originId: id,
        archiveId: null,
      };
    },
    async sendPrivate(roomInput, nickInput, body) {
      const state = requireJoined(roomInput);
      const nick = validNick(nickInput);
      if (nick === null) throw new RoomError('invalid-nick', 'That is not a nickname.');
      if (body.length === 0) throw new Error('A message needs a body.');
      const id = ids();
      await link.send(privateStanza(state.room, nick, id, body));
      return { id, accountId, room: state.room, nick, direction: 'out', body, at: now().toISOString() };
    },
    async setSubject(roomInput, subject) {
      const state = requireJoined(roomInput);
      await link.send(subjectStanza(state.room, ids(), subject));
    },
    async kick(roomInput, nickInput, reason = null) {
      const state = requireJoined(roomInput);
      const nick = validNick(nickInput);
      if (nick === null) throw new RoomError('invalid-nick', 'That is not a nickname.');
      await link.request(adminRequest(state.room, { nick, role: 'none' }, reason));
    },
    async ban(roomInput, jidInput, reason = null) {
      const state = requireJoined(roomInput);
      const jid = jidOrNull(jidInput);
      if (jid === null) throw new RoomError('invalid-address', 'That is not a chat address.');
      await link.request(adminRequest(state.room, { jid: jid.bare, affiliation: 'outcast' }, reason));
    },
    async changeNick(roomInput, nickInput, timeoutMs = JOIN_TIMEOUT_MS) {
      const state = requireJoined(roomInput);
      const nick = validNick(nickInput);
      if (nick === null) throw new RoomError('invalid-nick', 'A nickname cannot be empty or contain control characters.');
      if (nick === state.nick) return { ok: true, nick };
      if (state.renaming) throw new RoomError('busy', 'Your nickname in this room is already being changed.');
      let stop = (): void => undefined;
      const answered = new Promise<NickChangeResult>((resolve) => {
        stop = startTimer(timeoutMs, () => resolve(nickChangeError('timeout')));
        state.renaming = (answer) => resolve(answer.ok ? { ok: true, nick: answer.nick } : nickChangeRefusal(answer.condition));
      });
      try {
        await link.send(nickChangePresence(state.room, nick));
        return await answered;
      } finally {
        stop();
        state.renaming = null;
      }
    },
    occupants: (room) => [...(rooms.get(requireRoom(room))?.occupants.values() ?? [])],
    subject: (room) => rooms.get(requireRoom(room))?.subject ?? null,
    joined: joinedSpecs,
    // async: a join that throws (too many rooms) rejects the whole rejoin instead of throwing at the caller.
    rejoin,
    checkMembership,
    listPublic: (service) => listPublicRooms(link, service),
    name: async (room) => fetchRoomName(link, requireRoom(room)),
    dispose() {
      stopListening();
      if (selfPingTimer !== null) clearInterval(selfPingTimer);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const state of rooms.values()) {
        if (state.settle !== null) finishJoin(state, { ok: false, room: state.room, ...joinError('disconnected') });
        state.leaving?.();
      }
      rooms.clear();
      emitter.clear();
    },
  };
}
