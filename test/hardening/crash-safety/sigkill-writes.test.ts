/**
 * Crash safety of every store (issue 9, the hardening suite's "crash safety" part), with real crashes: a
 * writer process rewrites the store as fast as it can and is killed with SIGKILL at a random moment, again
 * and again. After each kill the store's own loader must find exactly the old or the new version (the trust
 * log: every finished line whole, in order, none lost), report no problem (the trust log: at most the torn
 * line of an append killed inside its write, which the next append removes), and clean away the temp file a
 * killed write left behind. The kills must really land inside writes: counted, and required to happen.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBehaviour } from '../behaviour-table.js';
import { bundleWriter, type WriterBundle } from './bundle-writer.js';
import { runLane, type LaneCounts } from './kill-lane.js';
import { CRASH_CASES } from './store-cases.js';

/** Two writers side by side (the machines have two cores), together killed this many times per store. */
const LANES = 2;
const KILLS_PER_STORE = 260;
/** The kill lands 0..this many ms after the writer's first finished write: up to a few writes later. */
const MAX_DELAY_MS = 10;

let writer: WriterBundle;
const dirs: string[] = [];
beforeAll(async () => {
  writer = await bundleWriter();
});
afterAll(async () => {
  await Promise.all([writer?.dispose(), ...dirs.map((dir) => rm(dir, { recursive: true, force: true }))]);
});

describe('crash safety: every store survives SIGKILL while writing', () => {
  it.for(CRASH_CASES.map((store) => [store.name, store] as const))(
    `%s: after each of ${KILLS_PER_STORE} kills it loads the old or the new version`,
    // Each kill costs about a tenth of a second of CPU (starting Node); on a busy machine far more.
    { timeout: 300_000 },
    async ([, store], context) => {
      const cipherKey = randomBytes(32);
      let failed = false;
      // allSettled: a failing lane must not leave the other one spawning writers after the test ends.
      const settled = await Promise.allSettled(
        Array.from({ length: LANES }, async (_, lane) => {
          const laneDir = await mkdtemp(join(tmpdir(), 'hostproof-crash-'));
          dirs.push(laneDir);
          const kills = KILLS_PER_STORE / LANES + (lane < KILLS_PER_STORE % LANES ? 1 : 0);
          try {
            return await runLane({ writer: writer.nodeArgs, store, laneDir, kills, maxDelayMs: MAX_DELAY_MS, cipherKey, stopped: () => failed });
          } catch (error) {
            failed = true;
            throw error;
          }
        }),
      );
      const rejected = settled.find((lane) => lane.status === 'rejected');
      if (rejected !== undefined) throw rejected.reason;
      const counts = settled.map((lane) => (lane as PromiseFulfilledResult<LaneCounts>).value);
      const kills = counts.reduce((sum, c) => sum + c.kills, 0);
      // The trust log appends in place, so it has no temp file to betray a killed write: its writer's own
      // "w"/"d" markers tell instead.
      const midWrite = counts.reduce((sum, c) => sum + (store.appends ? c.insideWrite : c.tempFileLeft), 0);
      const insideWrite = counts.reduce((sum, c) => sum + c.insideWrite, 0);
      const tornLines = counts.reduce((sum, c) => sum + c.tornLines, 0);
      const torn = store.appends ? `, ${tornLines} torn line(s) reported once and removed by the next append` : '';
      console.log(`crash safety, ${store.name}: ${kills} kills, ${midWrite} mid-write (${insideWrite} inside a store write call)${torn}`);
      expect(kills).toBe(KILLS_PER_STORE);
      expect(midWrite).toBeGreaterThan(0);

      // Every kill passed runLane's checks (a failed one throws above), so the counts are what is left to say.
      expectBehaviour(context, {
        expected: `old or new version after ${KILLS_PER_STORE} kills (some mid-write), none damaged`,
        got: `old or new version after ${kills} kills (${midWrite > 0 ? 'some' : 'none'} mid-write), none damaged`,
      });
    },
  );
});
