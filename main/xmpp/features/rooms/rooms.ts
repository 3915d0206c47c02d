/**
 * Rooms (XEP-0045 multi-user chat) for one online session: join with a nickname (creating an instant room
 * when it does not exist yet), leave, the occupants and what happens to them, the subject, messages to the
 * room and private messages to one occupant.
 *
 * A room is hostile input like any peer: a stanza counts only when its `from` is a room we are in (or are
 * joining), occupant and room counts are bounded, and every text is kept as text. Occupant presence and
 * room messages are left alone by presence.ts and messages.ts; this module alone reads them.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { setBounded } from '../bounded.js';
import { createDedupe } from '../dedupe.js';
import { displayTime } from '../delay.js';
import { createEmitter, type Events } from '../emitter.js';
import { guarded, listenerFailure, type FeatureDeps } from '../feature-deps.js';
import { describeStanzaError } from '../stanza-error.js';
import { attr, isStanza } from '../stanza-read.js';
import { joinError, joinErrorOf } from './join-error.js';
import { validNick } from './muc-user.js';
import { arrivalEvent, departureEvent } from './occupant-events.js';
import { RoomError } from './room-error.js';
import { classifyRoomMessage } from './room-message.js';
import { parseRoomPresence, STATUS, type RoomPresence } from './room-presence.js';
import { discoverRoomServices } from './room-service.js';
import { adminRequest, groupchatStanza, instantRoomRequest, joinPresence, leavePresence, privateStanza, subjectStanza } from './room-stanzas.js';
import type {
  JoinResult,
  Occupant,
  OccupantEvent,
  PrivateRoomMessage,
  RoomMessage,
  RoomMessageUpdate,
  RoomSpec,
  RoomSubject,
} from './room-types.js';

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

export interface JoinOptions {
  readonly room: string;
  readonly nick: string;
  readonly password?: string | null;
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
  occupants(room: string): readonly Occupant[];
  subject(room: string): string | null;
  /** The rooms we are in, with what is needed to join them again in a later session. */
  joined(): readonly RoomSpec[];
  /** Joins these rooms again (after a session that could not be resumed), one result per room. */
  rejoin(rooms: readonly RoomSpec[]): Promise<JoinResult[]>;
  /** Stops listening; joins still waiting end as 'disconnected'. */
  dispose(): void;
}

export const JOIN_TIMEOUT_MS = 30_000;
const LEAVE_TIMEOUT_MS = 10_000;
/** How many rooms one account can be in (or joining) at once. */
export const MAX_ROOMS = 1_000;
/** A room could claim any number of occupants; beyond this, arrivals are not tracked. */
export const MAX_OCCUPANTS_PER_ROOM = 10_000;
/** How many of our sent room messages we remember, to recognise their reflections and error replies. */
const MAX_TRACKED_OUTGOING = 5_000;

interface RoomState {
  readonly room: string;
  nick: string;
  readonly password: string | null;
  phase: 'joining' | 'joined';
  readonly occupants: Map<string, Occupant>;
  subject: string | null;
  /** While joining: settles the join's promise. */
  settle: ((result: JoinResult) => void) | null;
  pending: Promise<JoinResult> | null;
  /** While leaving: resolves leave(). */
  leaving: (() => void) | null;
  /** Stops the join's time limit once the room has answered. */
  stopTimer: () => void;
}

export function createRooms(deps: FeatureDeps): Rooms {
  const { link, accountId, now, ids, log } = deps;
  const emitter = createEmitter<RoomsEvents>(listenerFailure('rooms', log));
  const rooms = new Map<string, RoomState>();
  // Keyed by the origin-id we gave each message; the room echoes it in the reflection (and the id in errors).
  const outgoing = new Map<string, { readonly localId: string; readonly room: string }>();
  const dedupe = createDedupe();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const refuse = (reason: string, from: string | null) => log({ feature: 'rooms', reason, from });

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

  function finishJoin(state: RoomState, result: JoinResult): void {
    const settle = state.settle;
    state.settle = null;
    state.stopTimer();
    state.pending = null;
    settle?.(result);
  }

  function onSelfArrival(state: RoomState, presence: Extract<RoomPresence, { kind: 'available' }>): void {
    const { occupant, statuses } = presence;
    // The room may give us another nickname than the one we asked for (status 210).
    state.occupants.delete(state.nick);
    state.nick = occupant.nick;
    state.occupants.set(occupant.nick, occupant);
    state.phase = 'joined';
    const created = statuses.has(STATUS.created);
    const done = (): void =>
      finishJoin(state, { ok: true, room: state.room, nick: state.nick, created, occupants: [...state.occupants.values()] });
    if (!created) {
      done();
      return;
    }
    // A new room stays locked until its owner configures it; we accept the defaults (an instant room).
    link.request(instantRoomRequest(state.room)).then(done, (error: unknown) => {
      refuse(`the new room could not be unlocked: ${error instanceof Error ? error.message : String(error)}`, state.room);
      done();
    });
  }

  function leftRoom(state: RoomState, event: OccupantEvent): void {
    rooms.delete(state.room);
    const kind = event.kind === 'kicked' || event.kind === 'banned' || event.kind === 'removed' ? event.kind : 'left';
    emitter.emit('left', { room: state.room, kind, text: event.text });
    state.leaving?.();
  }

  function onPresence(stanza: Element, state: RoomState): void {
    const parsed = parseRoomPresence(stanza);
    if (!parsed.ok) {
      refuse(parsed.reason, attr(stanza, 'from'));
      return;
    }
    const presence = parsed.presence;
    if (presence.kind === 'error') {
      if (state.phase === 'joining') {
        rooms.delete(state.room);
        finishJoin(state, { ok: false, room: state.room, ...joinErrorOf(presence.error, state.nick) });
      } else refuse(`the room refused a presence: ${presence.error.condition}`, attr(stanza, 'from'));
      return;
    }
    const self = presence.statuses.has(STATUS.self);
    const nick = presence.occupant.nick;
    const before = state.occupants.get(nick);

    if (presence.kind === 'available') {
      if (self && state.phase === 'joining') {
        onSelfArrival(state, presence);
        return;
      }
      if (before === undefined && state.occupants.size >= MAX_OCCUPANTS_PER_ROOM) {
        refuse('too many occupants in one room', attr(stanza, 'from'));
        return;
      }
      state.occupants.set(nick, presence.occupant);
      // While joining, the room lists who is already there: that is the join result, not news.
      if (state.phase !== 'joined') return;
      const event = arrivalEvent(presence, before, self);
      if (event !== null) emitter.emit('occupant', event);
      return;
    }

    state.occupants.delete(nick);
    if (presence.newNick !== null) {
      // §7.6: the occupant goes on under its new nickname; its available presence follows.
      const renamed = { ...(before ?? presence.occupant), nick: presence.newNick };
      if (self) state.nick = presence.newNick;
      state.occupants.set(presence.newNick, renamed);
    }
    if (state.phase !== 'joined') return;
    const event = departureEvent(presence, before, self);
    emitter.emit('occupant', event);
    if (self && presence.newNick === null) leftRoom(state, event);
  }

  function onMessage(stanza: Element, state: RoomState): void {
    const sorted = classifyRoomMessage(stanza, state.room);
    switch (sorted.kind) {
      case 'ignored':
        refuse(sorted.reason, attr(stanza, 'from'));
        return;
      case 'error': {
        const id = sorted.message.id;
        const record = id === null ? undefined : outgoing.get(id);
        if (id === null || record === undefined || record.room !== state.room) {
          refuse('error reply for no message of ours', sorted.message.from.full);
          return;
        }
        outgoing.delete(id);
        const error = describeStanzaError(sorted.message.error ?? { condition: 'undefined-condition', text: null });
        emitter.emit('updated', { room: state.room, id: record.localId, state: 'failed', archiveId: null, error });
        return;
      }
      case 'subject':
        state.subject = sorted.subject;
        emitter.emit('subject', { room: state.room, subject: sorted.subject, by: sorted.by });
        return;
      case 'private':
        emitter.emit('privateMessage', {
          id: ids(),
          accountId,
          room: state.room,
          nick: sorted.nick,
          direction: 'in',
          body: sorted.message.body,
          at: displayTime(sorted.message.delay, now()),
        });
        return;
      case 'groupchat': {
        const { nick, message } = sorted;
        const archiveId = message.ourStanzaId;
        // Our own message comes back from the room: known by the origin-id we gave it, and from our nickname
        // (another occupant copying our origin-id does not make their message ours).
        const ours = message.originId === null ? undefined : outgoing.get(message.originId);
        if (ours !== undefined && ours.room === state.room && nick === state.nick && message.originId !== null) {
          outgoing.delete(message.originId);
          remember(state.room, nick, message.originId, archiveId, message.id, message.body);
          emitter.emit('updated', { room: state.room, id: ours.localId, state: 'delivered', archiveId, error: null });
          return;
        }
        if (remember(state.room, nick, message.originId, archiveId, message.id, message.body)) return;
        emitter.emit('message', {
          id: ids(),
          accountId,
          room: state.room,
          nick,
          direction: 'in',
          body: message.body,
          at: displayTime(message.delay, now()),
          state: 'received',
          stanzaId: message.id,
          originId: message.originId,
          archiveId,
        });
      }
    }
  }

  /**
   * Records a room message's keys; answers whether it was seen already. The room's archive id is the room's
   * own numbering (scoped to the room); origin-ids and stanza ids are chosen by the sender, so they are
   * scoped to the sender's occupant JID: nobody can hide another occupant's message by reusing its ids.
   */
  function remember(room: string, nick: string, originId: string | null, archiveId: string | null, stanzaId: string | null, body: string): boolean {
    const byRoom = archiveId === null ? false : dedupe.remember(room, { originId: null, archiveId, stanzaId: null, body });
    const bySender = dedupe.remember(`${room}/${nick}`, { originId, archiveId: null, stanzaId, body });
    return byRoom || bySender;
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
      if (isPresence) onPresence(stanza, state);
      else if (state.phase === 'joined') onMessage(stanza, state);
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

  function join({ room: roomInput, nick: nickInput, password = null, timeoutMs = JOIN_TIMEOUT_MS }: JoinOptions): Promise<JoinResult> {
    const room = requireRoom(roomInput);
    const nick = validNick(nickInput);
    if (nick === null) throw new RoomError('invalid-nick', 'A nickname cannot be empty or contain control characters.');
    const existing = rooms.get(room);
    if (existing?.pending) return existing.pending;
    if (existing !== undefined) {
      return Promise.resolve({ ok: true, room, nick: existing.nick, created: false, occupants: [...existing.occupants.values()] });
    }
    if (rooms.size >= MAX_ROOMS) throw new RoomError('too-many-rooms', `You can be in at most ${MAX_ROOMS} rooms at once.`);

    const state: RoomState = { room, nick, password, phase: 'joining', occupants: new Map(), subject: null, settle: null, pending: null, leaving: null, stopTimer: () => undefined };
    state.pending = new Promise<JoinResult>((resolve) => {
      state.settle = resolve;
    });
    rooms.set(room, state);
    const pending = state.pending;
    state.stopTimer = startTimer(timeoutMs, () => {
      if (state.settle === null) return;
      rooms.delete(room);
      finishJoin(state, { ok: false, room, ...joinError('timeout') });
      // Should the room let us in after all, we are not staying.
      link.send(leavePresence(room, state.nick)).catch(() => undefined);
    });
    link.send(joinPresence(room, nick, password)).catch((error: unknown) => {
      rooms.delete(room);
      refuse(`could not send the join: ${error instanceof Error ? error.message : String(error)}`, room);
      finishJoin(state, { ok: false, room, ...joinError('disconnected') });
    });
    return pending;
  }

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
        if (rooms.get(state.room) === state) rooms.delete(state.room);
      }
    },
    async send(roomInput, body) {
      const state = requireJoined(roomInput);
      if (body.length === 0) throw new Error('A message needs a body.');
      const id = ids();
      setBounded(outgoing, id, { localId: id, room: state.room }, MAX_TRACKED_OUTGOING);
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
      if (jid === null) throw new RoomError('invalid-room', 'That is not a chat address.');
      await link.request(adminRequest(state.room, { jid: jid.bare, affiliation: 'outcast' }, reason));
    },
    occupants: (room) => [...(rooms.get(requireRoom(room))?.occupants.values() ?? [])],
    subject: (room) => rooms.get(requireRoom(room))?.subject ?? null,
    joined: () => [...rooms.values()].filter((s) => s.phase === 'joined').map((s) => ({ room: s.room, nick: s.nick, password: s.password })),
    rejoin: (specs) => Promise.all(specs.map((spec) => join(spec))),
    dispose() {
      stopListening();
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
