/**
 * Crash safety of the pin file, with real crashes: a child process rewrites the file in a tight loop and is
 * killed with SIGKILL at random moments. After every kill the file must parse and hold exactly one of the
 * two versions written, never a mix or a fragment; temp files the killed writer left behind must be cleaned
 * up by the next load; nothing may ever be judged corrupt.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pin } from '../../../app/domain/trust.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createPinStore, PIN_FILE_SCHEMA, PIN_FILE_VERSION } from '../../../main/store/pin-store.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { CRASH_DOMAIN, VERSION_A, VERSION_B } from './crash-pins.js';

const CHILD = fileURLToPath(new URL('./pin-writer-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Two writers side by side (the machines have two cores), each killed this many times. */
const LANES = 2;
const KILLS_PER_LANE = 16;
/** The kill lands this long (random, ms) after the writer reported its first write. */
const MAX_KILL_DELAY_MS = 40;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

interface KillOutcome {
  /** Temp files present right after the kill: the kill landed inside a write. */
  readonly tempFilesAfterKill: number;
}

/** Starts a writer, waits until it has written once, kills it at a random moment, waits for it to die. */
async function runAndKill(file: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_KILL_DELAY_MS));
  } finally {
    child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  expect(stderr).toBe('');
}

function isOneVersion(data: unknown): boolean {
  return [[VERSION_A], [VERSION_B]].some((version) => JSON.stringify(version) === JSON.stringify(data));
}

async function killOnce(dir: string): Promise<KillOutcome> {
  const file = join(dir, 'pins.json');
  await runAndKill(file);

  const afterKill = await readdir(dir);
  expect(afterKill.filter((name) => name.includes('.corrupt-'))).toEqual([]);
  const tempFilesAfterKill = afterKill.filter((name) => name.startsWith('pins.json.tmp-')).length;

  // The raw file: whole JSON, the right envelope, and exactly one of the versions written.
  const envelope = JSON.parse(await readFile(file, 'utf8')) as { schema: unknown; version: unknown; data: unknown };
  expect(envelope.schema).toBe(PIN_FILE_SCHEMA);
  expect(envelope.version).toBe(PIN_FILE_VERSION);
  expect(isOneVersion(envelope.data)).toBe(true);

  // The store agrees, reports nothing, and its load removes what the dead writer left behind.
  const problems: StoreProblem[] = [];
  const store = createPinStore({ file, now: () => new Date(), report: (p) => problems.push(p), locks: createPathLocks() });
  const pin: Pin | null = await store.get(CRASH_DOMAIN, 'xmpp-client');
  expect([VERSION_A, VERSION_B]).toContainEqual(pin);
  expect(problems).toEqual([]);
  expect(await readdir(dir)).toEqual(['pins.json']);
  return { tempFilesAfterKill };
}

describe('pin store under SIGKILL', () => {
  it(
    `keeps the file whole through ${LANES * KILLS_PER_LANE} kills mid-write`,
    async () => {
      // allSettled: a failing lane must not leave the other one spawning writers after the test ends.
      const settled = await Promise.allSettled(
        Array.from({ length: LANES }, async () => {
          const dir = await mkdtemp(join(tmpdir(), 'hostproof-crash-'));
          dirs.push(dir);
          const outcomes: KillOutcome[] = [];
          for (let i = 0; i < KILLS_PER_LANE; i += 1) outcomes.push(await killOnce(dir));
          return outcomes;
        }),
      );
      const failed = settled.find((lane) => lane.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const outcomes = settled.flatMap((lane) => (lane.status === 'fulfilled' ? lane.value : []));
      expect(outcomes).toHaveLength(LANES * KILLS_PER_LANE);
      const midWrite = outcomes.filter((o) => o.tempFilesAfterKill > 0).length;
      // Printed so a reader can see the kills really landed inside writes. With a writer that spends most of
      // its time writing, at least one of 32 random kills lands mid-write (the odds against are astronomical).
      console.log(`pin-store crash test: ${outcomes.length} kills, ${midWrite} left a temp file (killed mid-write)`);
      expect(midWrite).toBeGreaterThan(0);
    },
    // Each kill starts a fresh writer under tsx (about 0.7 s of start-up on these two cores): 16 per lane.
    60_000,
  );
});
