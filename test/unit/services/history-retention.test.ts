/**
 * Keeping history for N days (history-retention.ts) with a fixed clock and a hand-driven timer, on the real
 * message database and the real setting file: pruned at start, on each 24-hour tick and when the setting
 * changes; "forever" and a damaged setting file delete nothing.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHistoryRetention, PRUNE_EVERY_MS, retentionCutoff, type RepeatTimer } from '../../../main/services/history-retention.js';
import { createHistoryRetentionStore } from '../../../main/store/history-retention-store.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { ACCOUNT, BOB, input, msg } from '../store/messages/message-fixture.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();
const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-12-01T08:00:00.000Z');
const daysBefore = (days: number, from = START) => new Date(from.getTime() - days * DAY).toISOString();

/** A timer the test fires by hand: what was scheduled, and whether it was stopped. */
function manualTimer() {
  const scheduled: Array<{ ms: number; run: () => void; stopped: boolean }> = [];
  const timer: RepeatTimer = (ms, run) => {
    const entry = { ms, run, stopped: false };
    scheduled.push(entry);
    return () => {
      entry.stopped = true;
    };
  };
  return { timer, scheduled };
}

async function world() {
  const dir = await tempDir();
  let now = START;
  const problems: StoreProblem[] = [];
  const notices: string[] = [];
  const file = path.join(dir, 'history-retention.json');
  const db = openMessageDb({ file: path.join(dir, 'messages.sqlite'), now: () => now, report: () => undefined });
  const store = createHistoryRetentionStore({ file, now: () => now, report: (p) => problems.push(p), locks: createPathLocks() });
  const { timer, scheduled } = manualTimer();
  const retention = createHistoryRetention({ store, messages: db, now: () => now, timer, notice: (t) => notices.push(t) });
  const bodies = () => db.history(ACCOUNT, BOB, null, 100).messages.map((m) => m.body);
  return {
    db,
    file,
    store,
    retention,
    scheduled,
    problems,
    notices,
    bodies,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('keeping history for a number of days', () => {
  it('the cut-off is that many days before now; forever has none', () => {
    expect(retentionCutoff(START, { keepDays: null })).toBeNull();
    expect(retentionCutoff(START, { keepDays: 30 })?.toISOString()).toBe(daysBefore(30));
  });

  it('forever (the default) deletes nothing, at start or on a tick', async () => {
    const w = await world();
    w.db.store(input(msg({ body: 'ancient', at: daysBefore(5000) })));
    await w.retention.start();
    w.scheduled[0]?.run();
    expect(w.bodies()).toEqual(['ancient']);
    expect(await w.retention.get()).toEqual({ keepDays: null });
    w.db.close();
  });

  it('prunes at start, then every 24 hours as the clock moves on, and keeps what waits to be sent', async () => {
    const w = await world();
    await w.store.save({ keepDays: 30 });
    w.db.store(input(msg({ body: 'old', at: daysBefore(31) })));
    w.db.store(input(msg({ body: 'queued long ago', direction: 'out', state: 'queued', at: daysBefore(40) })));
    w.db.store(input(msg({ body: 'recent', at: daysBefore(29.5) })));
    await w.retention.start();
    expect(w.bodies()).toEqual(['queued long ago', 'recent']);
    expect(w.scheduled.map((s) => s.ms)).toEqual([PRUNE_EVERY_MS]);

    // A day later "recent" is 30.5 days old: the next tick takes it.
    w.advance(DAY);
    w.scheduled[0]!.run();
    await expect.poll(() => w.bodies()).toEqual(['queued long ago']);
    w.retention.stop();
    expect(w.scheduled[0]!.stopped).toBe(true);
    w.db.close();
  });

  it('a new setting is saved and applied at once, and says how many messages went', async () => {
    const w = await world();
    await w.retention.start();
    for (const days of [400, 100, 10]) w.db.store(input(msg({ body: `${days} days old`, at: daysBefore(days) })));
    expect(await w.retention.set({ keepDays: 365 })).toEqual({ keepDays: 365, removed: 1 });
    expect(await w.retention.set({ keepDays: 90 })).toEqual({ keepDays: 90, removed: 1 });
    expect(w.bodies()).toEqual(['10 days old']);
    expect(await w.retention.set({ keepDays: null })).toEqual({ keepDays: null, removed: 0 });
    expect(await w.retention.get()).toEqual({ keepDays: null });
    w.db.close();
  });

  it('refuses a period outside 1 to 3650 days without touching the file', async () => {
    const w = await world();
    await w.store.save({ keepDays: 30 });
    await expect(w.store.save({ keepDays: 0 })).rejects.toThrow();
    await expect(w.store.save({ keepDays: 3651 })).rejects.toThrow();
    await expect(w.store.save({ keepDays: 1.5 })).rejects.toThrow();
    expect(await w.store.load()).toEqual({ keepDays: 30 });
    w.db.close();
  });

  it.for([
    ['not JSON', '{"schema": "hostproof.history-retention", "version": 1, "data": {"keepD'],
    ['a period out of range', JSON.stringify({ schema: 'hostproof.history-retention', version: 1, data: { keepDays: 0 } })],
    ['an unknown version', JSON.stringify({ schema: 'hostproof.history-retention', version: 9, data: { keepDays: 1 } })],
  ] as const)('a damaged setting file (%s) means forever: nothing is deleted, and the user is told', async ([, content]) => {
    const w = await world();
    await writeFile(w.file, content);
    w.db.store(input(msg({ body: 'ancient', at: daysBefore(5000) })));
    await w.retention.start();
    expect(w.bodies()).toEqual(['ancient']);
    expect(await w.retention.get()).toEqual({ keepDays: null });
    expect(w.problems).toHaveLength(1);
    expect(w.problems[0]?.message).toContain('kept forever');
    expect(w.problems[0]?.movedTo).toMatch(/history-retention\.json\.corrupt-/);
    w.db.close();
  });

  it('a pruning that fails is told and the app carries on; the next tick tries again', async () => {
    const w = await world();
    await w.store.save({ keepDays: 1 });
    w.db.close();
    await w.retention.start();
    expect(w.notices).toEqual([expect.stringContaining('Old messages could not be deleted')]);
  });
});
