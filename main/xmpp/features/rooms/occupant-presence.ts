/**
 * Occupant presence in the rooms we are in or joining (XEP-0045 §7.2): completes a join (our own presence,
 * status 110; a new room, 201, is unlocked as an instant room) or ends it with the room's refusal, keeps the
 * occupant table (bounded), and reports arrivals, departures, nickname changes, kicks and bans.
 */
import type { Element } from '@xmpp/xml';
import type { FeatureDeps } from '../feature-deps.js';
import { attr } from '../stanza-read.js';
import { arrivalEvent, departureEvent } from './occupant-events.js';
import { parseRoomPresence, STATUS, type RoomPresence } from './room-presence.js';
import { joinError, joinErrorOf } from './join-error.js';
import { unlockNewRoom } from './new-room.js';
import { leavePresence } from './room-stanzas.js';
import { finishJoin, type EmitRoomEvent, type RoomState } from './room-state.js';
import type { OccupantEvent } from './room-types.js';

/** A room could claim any number of occupants; beyond this, arrivals are not tracked. */
export const MAX_OCCUPANTS_PER_ROOM = 10_000;

export interface OccupantPresenceDeps extends Pick<FeatureDeps, 'link' | 'log'> {
  readonly emit: EmitRoomEvent;
  /** We are out of this room (refused, left, kicked...): forget it. */
  readonly forget: (state: RoomState) => void;
}

export function createOccupantPresence({ link, log, emit, forget }: OccupantPresenceDeps): (stanza: Element, state: RoomState) => void {
  const refuse = (reason: string, from: string | null) => log({ feature: 'rooms', reason, from });

  function onSelfArrival(state: RoomState, presence: Extract<RoomPresence, { kind: 'available' }>): void {
    const { occupant, statuses } = presence;
    // The room may give us another nickname than the one we asked for (status 210).
    state.occupants.delete(state.nick);
    state.nick = occupant.nick;
    state.occupants.set(occupant.nick, occupant);
    state.phase = 'joined';
    const created = statuses.has(STATUS.created);
    const done = (): void => finishJoin(state, { ok: true, room: state.room, nick: state.nick, created, occupants: [...state.occupants.values()] });
    if (!created) {
      done();
      return;
    }
    // A new room stays locked until its owner configures it: the defaults (instant), or the chosen settings.
    void unlockNewRoom(link, state.room, state.config).then((outcome) => {
      if (outcome.ok) {
        finishJoin(state, { ok: true, room: state.room, nick: state.nick, created, occupants: [...state.occupants.values()], notApplied: outcome.notApplied });
        return;
      }
      refuse(`the new room could not be unlocked: ${outcome.reason}`, state.room);
      if (state.config === null) {
        done();
        return;
      }
      // Not the room that was asked for (it could be open where members-only was chosen): we do not stay.
      forget(state);
      link.send(leavePresence(state.room, state.nick)).catch(() => undefined);
      finishJoin(state, { ok: false, room: state.room, ...joinError('refused'), text: 'The room was made, but it refused the chosen settings, so you left it again.' });
    });
  }

  function leftRoom(state: RoomState, event: OccupantEvent): void {
    forget(state);
    const kind = event.kind === 'kicked' || event.kind === 'banned' || event.kind === 'removed' ? event.kind : 'left';
    emit('left', { room: state.room, kind, text: event.text });
    state.leaving?.();
  }

  return (stanza, state) => {
    const parsed = parseRoomPresence(stanza);
    if (!parsed.ok) {
      refuse(parsed.reason, attr(stanza, 'from'));
      return;
    }
    const presence = parsed.presence;
    if (presence.kind === 'error') {
      if (state.phase === 'joining') {
        forget(state);
        finishJoin(state, { ok: false, room: state.room, ...joinErrorOf(presence.error, state.nick) });
      } else if (state.renaming) state.renaming({ ok: false, condition: presence.error.condition });
      else refuse(`the room refused a presence: ${presence.error.condition}`, attr(stanza, 'from'));
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
      if (event !== null) emit('occupant', event);
      return;
    }

    state.occupants.delete(nick);
    if (presence.newNick !== null) {
      // §7.6: the occupant goes on under its new nickname; its available presence follows.
      const renamed = { ...(before ?? presence.occupant), nick: presence.newNick };
      if (self) state.nick = presence.newNick;
      state.occupants.set(presence.newNick, renamed);
      if (self) state.renaming?.({ ok: true, nick: presence.newNick });
    }
    if (state.phase !== 'joined') return;
    const event = departureEvent(presence, before, self);
    emit('occupant', event);
    if (self && presence.newNick === null) leftRoom(state, event);
  };
}
