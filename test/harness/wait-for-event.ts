/** Waits until a recorded app event satisfies the predicate (events already seen count). */
import type { EventName } from '../../app/ipc/channels.js';
import type { EventPayloads } from '../../app/ipc/contract.js';
import type { RecordedEvent } from './test-app.js';

export async function waitForEvent<E extends EventName>(
  events: readonly RecordedEvent[],
  event: E,
  predicate: (payload: EventPayloads[E]) => boolean = () => true,
  options: { timeoutMs?: number; after?: number } = {},
): Promise<EventPayloads[E]> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (let i = options.after ?? 0; ; ) {
    for (; i < events.length; i += 1) {
      const e = events[i]!;
      if (e.event === event && predicate(e.payload as EventPayloads[E])) return e.payload as EventPayloads[E];
    }
    if (Date.now() > deadline) {
      const seen = events.slice(options.after ?? 0).map((e) => `${e.event}${e.event === 'connectionChanged' ? `:${(e.payload as EventPayloads['connectionChanged']).state.stage}` : ''}`);
      throw new Error(`No "${event}" event matched within the time limit. Seen: ${seen.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
