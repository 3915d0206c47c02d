/** What the rooms feature knows of one room we are in or joining, shared by the modules that update it. */
import type { RoomConfig } from '../../../../app/domain/rooms.js';
import type { Emitter } from '../emitter.js';
import type { JoinResult, Occupant, RoomsEvents } from './room-types.js';

export interface RoomState {
  /** The room's bare JID. */
  readonly room: string;
  /** Our nickname in it (the room may change it: 210 on joining, 303 later). */
  nick: string;
  readonly password: string | null;
  /** rooms: creation — the settings to give the room should our join create it (null: an instant room). */
  readonly config: RoomConfig | null;
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
  /** While our nickname change waits for the room: ends it with the room's answer (nick-change.ts). */
  renaming?: ((answer: { readonly ok: true; readonly nick: string } | { readonly ok: false; readonly condition: string }) => void) | null;
}

export type EmitRoomEvent = Emitter<RoomsEvents>['emit'];

/** Ends a join that is waiting (once): stops its time limit and answers the caller of join(). */
export function finishJoin(state: RoomState, result: JoinResult): void {
  const settle = state.settle;
  state.settle = null;
  state.stopTimer();
  state.pending = null;
  settle?.(result);
}
