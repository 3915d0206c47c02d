/**
 * Opening a conversation: its newest 50 messages through `MessageDb.history`, for conversations picked at
 * random (sizes from a few hundred to tens of thousands of messages), and the page before that (the first
 * scroll up).
 */
import type { MessageDb } from '../../../main/store/messages/message-db.js';
import { pick, seeded } from './random.js';
import { summarize, timed } from './stats.js';
import type { Row } from './table.js';
import type { World } from './world.js';

export function measureHistory(db: MessageDb, world: World, samples: number): Row[] {
  const random = seeded(12);
  const latest: number[] = [];
  const older: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const { account, peer } = pick(random, world.conversations);
    let oldest: string | null = null;
    latest.push(
      timed(() => {
        oldest = db.history(account, peer, null, 50).messages[0]?.id ?? null;
      }),
    );
    const before = oldest;
    if (before !== null) older.push(timed(() => db.history(account, peer, before, 50)));
  }
  return [
    { label: 'Open a conversation: latest 50', unit: 'ms', measured: summarize(latest), target: { value: 20, statistic: 'median', bound: 'at-most' } },
    { label: 'Scroll up: the 50 before those', unit: 'ms', measured: summarize(older) },
  ];
}
