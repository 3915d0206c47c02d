import type { ChatMessage } from '../../../app/domain/chat.js';
import type { EventPayloads } from '../../../app/ipc/contract.js';
import { mergeMessages } from './message-rows.js';

/** What can change an open conversation between two frames: a message arrives, or one's delivery state moves on. */
export type LiveEvent =
  | { readonly kind: 'message'; readonly message: ChatMessage }
  | { readonly kind: 'update'; readonly update: EventPayloads['messageUpdated'] };

/**
 * Applies one frame's events in their order. Consecutive messages merge in one pass and consecutive updates map
 * in one pass, so a burst of 1,000 messages costs a few passes over the history, not one copy per message.
 */
export function applyLive(list: readonly ChatMessage[], events: readonly LiveEvent[]): readonly ChatMessage[] {
  let out = list;
  let i = 0;
  while (i < events.length) {
    const kind = events[i]?.kind;
    const run: LiveEvent[] = [];
    while (i < events.length && events[i]?.kind === kind) run.push(events[i++] as LiveEvent);
    out = kind === 'message' ? mergeMessages(out, run.map((e) => (e as Extract<LiveEvent, { kind: 'message' }>).message)) : applyUpdates(out, run);
  }
  return out;
}

function applyUpdates(list: readonly ChatMessage[], run: readonly LiveEvent[]): readonly ChatMessage[] {
  const byId = new Map<string, EventPayloads['messageUpdated']>();
  for (const e of run) if (e.kind === 'update') byId.set(e.update.id, e.update);
  if (!list.some((m) => byId.has(m.id))) return list;
  return list.map((m) => {
    const u = byId.get(m.id);
    return u ? { ...m, state: u.state, error: u.error } : m;
  });
}
