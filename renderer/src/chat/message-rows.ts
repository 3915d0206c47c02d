import type { ChatMessage } from '../../../app/domain/chat.js';
import { localDayKey } from '../common/format-time.js';

/**
 * One message, and when it is the first of its local calendar day, the day's separator drawn above it; with
 * where it stands in its group (a run of messages from one sender, read as one turn of the chat).
 */
export interface Row {
  readonly key: string;
  readonly message: ChatMessage;
  /** The time whose day the separator shows, or null when the previous message is of the same day. */
  readonly dayStartsAt: string | null;
  /** First of its group: it carries the sender's name. */
  readonly groupStart: boolean;
  /** Last of its group: it carries the group's time. */
  readonly groupEnd: boolean;
  /**
   * Whether its delivery state is written out: always for a message that is still sending or failed, else
   * only where the state differs from the next message's in the group or the group ends, so "Delivered"
   * under the last of three messages speaks for all three and never for one that is only "Sent".
   */
  readonly showsState: boolean;
}

/** A message further than this from the previous one starts a new group, as a pause in the conversation. */
export const GROUP_GAP_MS = 5 * 60_000;

/** The states that concern one message alone: each such message says so itself. */
const OWN_STATES: ReadonlySet<ChatMessage['state']> = new Set(['queued', 'failed']);

/**
 * Whether `next` continues the group of `previous`: the same side of the conversation (and for received
 * messages the same peer), both or neither from another device (the group states that once, by its time),
 * the same local day and at most GROUP_GAP_MS later. An unreadable time starts a group of its own.
 */
function continuesGroup(previous: ChatMessage, next: ChatMessage, sameDay: boolean): boolean {
  if (!sameDay || previous.direction !== next.direction || previous.carbon !== next.carbon) return false;
  if (next.direction === 'in' && previous.peer !== next.peer) return false;
  const gap = Date.parse(next.at) - Date.parse(previous.at);
  return gap >= 0 && gap <= GROUP_GAP_MS;
}

/**
 * One row per message, keyed by the message's id; the day separator is part of the first message of each day,
 * not a row of its own. A row of its own would be the first row when a day's page arrives from the archive:
 * keyed by the day's first message its key changed, keyed by the day alone it stayed first while older
 * messages came in under it, and either way the virtualised list, which keeps its place by the row at the top
 * of the view, jumped to the top, where no further scroll event asks for more history. A message row keeps its
 * key and its place however many older pages arrive. Its groupStart, groupEnd and showsState may change as
 * neighbours arrive (an older page can join a group): those change what the row draws, never its key.
 */
export function toRows(messages: readonly ChatMessage[]): Row[] {
  const days = messages.map((message) => localDayKey(message.at));
  const starts = messages.map((message, index) => {
    const previous = messages[index - 1];
    return !previous || !continuesGroup(previous, message, days[index] === days[index - 1]);
  });
  return messages.map((message, index) => {
    const next = messages[index + 1];
    const groupEnd = !next || starts[index + 1] === true;
    const showsState = message.direction === 'out' && (groupEnd || OWN_STATES.has(message.state) || next?.state !== message.state);
    return {
      key: message.id,
      message,
      dayStartsAt: index === 0 || days[index] !== days[index - 1] ? message.at : null,
      groupStart: starts[index] === true,
      groupEnd,
      showsState,
    };
  });
}

/** Where incoming messages belong when their time ties with the list's edge: history pages are older, live ones newer. */
export type MergeSide = 'older' | 'newer';

/**
 * Adds or replaces messages (by local id) and keeps the list in time order. New messages usually go at the
 * end and history pages at the start, so both are cheap; anything else falls back to a stable sort.
 * Archive times have whole-second precision, so a page of history often ties with the list's first message:
 * `side` says which way a tie goes (an older page must not land after the newest message).
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[], side: MergeSide = 'newer'): ChatMessage[] {
  if (incoming.length === 0) return [...current];
  const byId = new Map(incoming.map((m) => [m.id, m]));
  // One pass over what is shown, with no set of all its ids: a batch is small, the history may be 50,000 long.
  const replaced = new Set<string>();
  const kept = current.map((m) => {
    const next = byId.get(m.id);
    if (!next) return m;
    replaced.add(m.id);
    return next;
  });
  const added = incoming.filter((m) => !replaced.has(m.id));
  const time = (m: ChatMessage) => Date.parse(m.at) || 0;
  const first = kept[0];
  const last = kept[kept.length - 1];
  const sortedAdded = [...added].sort((a, b) => time(a) - time(b));
  const addedFirst = sortedAdded[0];
  const addedLast = sortedAdded[sortedAdded.length - 1];
  if (!first || !last || !addedFirst || !addedLast) return [...kept, ...sortedAdded];
  const before = time(addedLast) <= time(first);
  const after = time(addedFirst) >= time(last);
  if (side === 'older' ? before : after) return side === 'older' ? [...sortedAdded, ...kept] : [...kept, ...sortedAdded];
  if (before) return [...sortedAdded, ...kept];
  if (after) return [...kept, ...sortedAdded];
  // A stable sort keeps ties in the order given: older pages ahead of what is shown, live messages behind it.
  const merged = side === 'older' ? [...sortedAdded, ...kept] : [...kept, ...sortedAdded];
  return merged.sort((a, b) => time(a) - time(b));
}
