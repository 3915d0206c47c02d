/**
 * The rooms the window knows of, per account: each room's summary, what was said and what happened in it (in
 * the order seen), and how many messages came in since it was last open. Pure, so it is tested without React.
 */
import type { AccountId } from '../../../app/domain/account.js';
import { isMention } from '../../../app/domain/mention.js';
import type { RoomChange, RoomMessage, RoomMessageUpdate, RoomSummary } from '../../../app/domain/rooms.js';

/** One line of a room's timeline: a message, or a plain-words event ("Bob joined the room."). */
export type RoomLine = { readonly kind: 'message'; readonly message: RoomMessage } | { readonly kind: 'event'; readonly id: string; readonly text: string };

export interface RoomEntry {
  readonly summary: RoomSummary;
  readonly lines: readonly RoomLine[];
  readonly unread: number;
  /** Counts the event lines, so each has a key of its own. */
  readonly events: number;
  /**
   * Delivery updates for messages not shown yet: the room can pass our message back (roomMessageUpdated) before
   * the window has the answer to its send, and the update must then wait for the message, not be lost.
   */
  readonly early?: ReadonlyMap<string, RoomMessageUpdate>;
  // rooms: mentions and notifications
  /** How many of the unread messages mention our nickname (the row's "@"). */
  readonly mentions?: number;
}

/** At most this many early updates are kept per room (they are for our own messages in flight). */
const MAX_EARLY = 50;

/** Keyed by `roomKey`: an account and a room address. */
export type RoomsState = ReadonlyMap<string, RoomEntry>;

export type RoomsAction =
  | { readonly type: 'listed'; readonly accountId: AccountId; readonly rooms: readonly RoomSummary[] }
  | { readonly type: 'changed'; readonly change: RoomChange }
  | { readonly type: 'message'; readonly message: RoomMessage; readonly open: boolean }
  | { readonly type: 'updated'; readonly accountId: AccountId; readonly update: RoomMessageUpdate }
  | { readonly type: 'read'; readonly accountId: AccountId; readonly room: string }
  // rooms: room history
  | { readonly type: 'history'; readonly accountId: AccountId; readonly room: string; readonly messages: readonly RoomMessage[] };

/** A timeline is bounded: the window keeps the newest lines of a busy room, not all of them. */
export const MAX_LINES = 500;

export function roomKey(accountId: AccountId, room: string): string {
  return `${accountId}\n${room}`;
}

const append = (lines: readonly RoomLine[], line: RoomLine) => [...lines, line].slice(-MAX_LINES);

function withEntry(state: RoomsState, key: string, entry: RoomEntry | null): RoomsState {
  const next = new Map(state);
  if (entry) next.set(key, entry);
  else next.delete(key);
  return next;
}

export function roomsReducer(state: RoomsState, action: RoomsAction): RoomsState {
  switch (action.type) {
    case 'listed': {
      const next = new Map([...state].filter(([, e]) => e.summary.accountId !== action.accountId));
      for (const summary of action.rooms) {
        const key = roomKey(summary.accountId, summary.room);
        next.set(key, { lines: [], unread: 0, events: 0, ...state.get(key), summary });
      }
      return next;
    }
    case 'changed': {
      const { change } = action;
      const key = roomKey(change.accountId, change.room);
      const before = state.get(key);
      if (!change.summary) return withEntry(state, key, null);
      const lines = before?.lines ?? [];
      const events = (before?.events ?? 0) + 1;
      return withEntry(state, key, {
        summary: change.summary,
        unread: before?.unread ?? 0,
        mentions: before?.mentions ?? 0,
        events,
        lines: change.text ? append(lines, { kind: 'event', id: `event-${events}`, text: change.text }) : lines,
      });
    }
    case 'message': {
      const { message } = action;
      const key = roomKey(message.accountId, message.room);
      const before = state.get(key);
      if (!before || before.lines.some((l) => l.kind === 'message' && l.message.id === message.id)) return state;
      const counts = message.direction === 'in' && !action.open;
      const early = before.early?.get(message.id);
      const shown = early ? { ...message, state: early.state, archiveId: early.archiveId } : message;
      const rest = early ? new Map([...(before.early ?? [])].filter(([id]) => id !== message.id)) : before.early;
      const mentions = (before.mentions ?? 0) + (counts && isMention(message, before.summary.nick) ? 1 : 0);
      // In time order: what the room's archive brings after a join is older than what came live meanwhile.
      return withEntry(state, key, { ...before, lines: mergeMessages(before.lines, [shown]), unread: before.unread + (counts ? 1 : 0), mentions, early: rest });
    }
    case 'updated': {
      const key = roomKey(action.accountId, action.update.room);
      const before = state.get(key);
      if (!before) return state;
      const { id, state: delivery, archiveId } = action.update;
      if (!before.lines.some((l) => l.kind === 'message' && l.message.id === id)) {
        const early = new Map([...(before.early ?? []), [id, action.update] as const].slice(-MAX_EARLY));
        return withEntry(state, key, { ...before, early });
      }
      const lines = before.lines.map((l) => (l.kind === 'message' && l.message.id === id ? { kind: 'message' as const, message: { ...l.message, state: delivery, archiveId } } : l));
      return withEntry(state, key, { ...before, lines });
    }
    case 'read': {
      const key = roomKey(action.accountId, action.room);
      const before = state.get(key);
      return before && before.unread > 0 ? withEntry(state, key, { ...before, unread: 0, mentions: 0 }) : state;
    }
    // rooms: room history
    case 'history': {
      const key = roomKey(action.accountId, action.room);
      const before = state.get(key);
      return before ? withEntry(state, key, { ...before, lines: mergeMessages(before.lines, action.messages) }) : state;
    }
  }
}

// rooms: room history
/**
 * Adds messages (oldest first) to a timeline in time order, each before the first message shown that is
 * later; one already shown (the same local id, or the same id in the room's archive) is not added again.
 * Event lines stay where they are, after the message they followed.
 */
export function mergeMessages(lines: readonly RoomLine[], messages: readonly RoomMessage[]): readonly RoomLine[] {
  const shown = new Set<string>();
  for (const line of lines) {
    if (line.kind !== 'message') continue;
    shown.add(`id ${line.message.id}`);
    if (line.message.archiveId !== null) shown.add(`archive ${line.message.archiveId}`);
  }
  const fresh = messages.filter((m) => !shown.has(`id ${m.id}`) && (m.archiveId === null || !shown.has(`archive ${m.archiveId}`)));
  if (fresh.length === 0) return lines;
  const merged: RoomLine[] = [];
  let next = 0;
  for (const line of lines) {
    if (line.kind === 'message') {
      for (let m = fresh[next]; m !== undefined && m.at < line.message.at; m = fresh[++next]) merged.push({ kind: 'message', message: m });
    }
    merged.push(line);
  }
  for (const m of fresh.slice(next)) merged.push({ kind: 'message', message: m });
  return merged.slice(-MAX_LINES);
}

/** The last message of a room as the list shows it: "nick: text", ours as "You: text". */
export function roomPreview(entry: RoomEntry): string {
  for (let i = entry.lines.length - 1; i >= 0; i--) {
    const line = entry.lines[i];
    if (line?.kind === 'message') return `${line.message.direction === 'out' ? 'You' : line.message.nick}: ${line.message.body.slice(0, 80)}`;
  }
  return entry.summary.subject ?? '';
}

/** The room's name as shown: the name it gave itself, else its address's local part (room@rooms.example.org → room). */
export function roomName(room: string, name?: string | null): string {
  if (name !== undefined && name !== null && name !== '') return name;
  const at = room.indexOf('@');
  return at > 0 ? room.slice(0, at) : room;
}
