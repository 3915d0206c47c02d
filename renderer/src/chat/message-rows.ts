import type { ChatMessage } from '../../../app/domain/chat.js';
import { localDayKey } from '../common/format-time.js';

export type Row =
  | { readonly kind: 'day'; readonly key: string; readonly at: string }
  | { readonly kind: 'message'; readonly key: string; readonly message: ChatMessage };

/** Messages with a day separator before the first message of each local calendar day. */
export function toRows(messages: readonly ChatMessage[]): Row[] {
  const rows: Row[] = [];
  let day: string | null = null;
  for (const message of messages) {
    const key = localDayKey(message.at);
    if (key !== day) {
      rows.push({ kind: 'day', key: `day-${key}-${message.id}`, at: message.at });
      day = key;
    }
    rows.push({ kind: 'message', key: message.id, message });
  }
  return rows;
}

/**
 * Adds or replaces messages (by local id) and keeps the list in time order. New messages usually go at the
 * end and history pages at the start, so both are cheap; anything else falls back to a stable sort.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return [...current];
  const byId = new Map(incoming.map((m) => [m.id, m]));
  const kept = current.map((m) => byId.get(m.id) ?? m);
  const known = new Set(current.map((m) => m.id));
  const added = incoming.filter((m) => !known.has(m.id));
  const time = (m: ChatMessage) => Date.parse(m.at) || 0;
  const first = kept[0];
  const last = kept[kept.length - 1];
  const sortedAdded = [...added].sort((a, b) => time(a) - time(b));
  const addedFirst = sortedAdded[0];
  const addedLast = sortedAdded[sortedAdded.length - 1];
  if (!first || !last || !addedFirst || !addedLast) return [...kept, ...sortedAdded];
  if (time(addedFirst) >= time(last)) return [...kept, ...sortedAdded];
  if (time(addedLast) <= time(first)) return [...sortedAdded, ...kept];
  return [...kept, ...sortedAdded].sort((a, b) => time(a) - time(b));
}
