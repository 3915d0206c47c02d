/**
 * One lane of the crash test: in one data directory, start a writer, let it write, SIGKILL it at a random
 * moment, and check the store with its real loader before the next writer may touch it. The next writer is
 * started (up to its "up") while the current one runs and is checked, so Node's start-up overlaps the work
 * instead of adding to it; it opens the store only when told to, after the check.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TrustLogProblem } from '../../../main/store/trust-log.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import type { CrashCase } from './store-cases.js';

export interface LaneOptions {
  /** Node's arguments that start the bundled writer (bundle-writer.ts). */
  readonly writer: readonly string[];
  readonly store: CrashCase;
  readonly laneDir: string;
  readonly kills: number;
  /** The kill lands a random 0..maxDelayMs after the writer's first finished write. */
  readonly maxDelayMs: number;
  readonly cipherKey: Buffer;
  /** Set when another lane failed: stop after the current kill. */
  readonly stopped: () => boolean;
}

export interface LaneCounts {
  readonly kills: number;
  /** Kills after which a temp file of the writer was on disk: the kill landed between creating it and the rename. */
  readonly tempFileLeft: number;
  /** Kills after the writer's "w" and before its "d": inside a store write (the trust log has no temp files). */
  readonly insideWrite: number;
  /** Kills that left part of a trust log line behind (reported once, removed by the next append). */
  readonly tornLines: number;
}

/** The trust log only grows: a fresh directory every this many kills keeps its reads short. */
const KILLS_PER_LOG = 10;

interface Writer {
  readonly process: ChildProcessWithoutNullStreams;
  /** Resolves at "up": modules loaded, waiting for the go. */
  readonly up: Promise<void>;
  /** Resolves at the first finished write after the go. */
  readonly wrote: Promise<void>;
  readonly closed: Promise<NodeJS.Signals | null>;
  readonly lastMarker: () => string;
  readonly stderr: () => string;
}

function startWriter(options: LaneOptions, path: string): Writer {
  const child = spawn(process.execPath, [...options.writer, options.store.name, path, options.cipherKey.toString('hex')], { stdio: 'pipe' });
  let stderr = '';
  let tail = '';
  let signalUp = (): void => undefined;
  let signalWrote = (): void => undefined;
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_code, signal) => resolve(signal)));
  const early = closed.then((signal) => {
    throw new Error(`the ${options.store.name} writer ended by itself (${signal ?? 'exit'}): ${stderr}`);
  });
  const up = Promise.race([new Promise<void>((resolve) => (signalUp = resolve)), early]);
  const wrote = Promise.race([new Promise<void>((resolve) => (signalWrote = resolve)), early]);
  // Unhandled otherwise when the writer is killed before anyone waits on these.
  up.catch(() => undefined);
  wrote.catch(() => undefined);
  // A writer that died early is reported through `early`; the go written to it must not throw as well.
  child.stdin.on('error', () => undefined);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    // Only the last few markers matter; the writer prints two per write.
    tail = (tail + chunk.toString()).slice(-16);
    if (tail.includes('up\n')) signalUp();
    if (tail.includes('d\n')) signalWrote();
  });
  return {
    process: child,
    up,
    wrote,
    closed,
    lastMarker: () => tail.trimEnd().split('\n').at(-1) ?? '',
    stderr: () => stderr,
  };
}

const isTemp = (name: string): boolean => name.includes('.tmp-');

export async function runLane(options: LaneOptions): Promise<LaneCounts> {
  const { store } = options;
  const dataDirOf = (kill: number): string =>
    store.appends ? join(options.laneDir, `part-${Math.floor(kill / KILLS_PER_LOG)}`) : options.laneDir;
  const pathOf = (kill: number): string => join(dataDirOf(kill), store.path);
  // What the store's files sit in: the data directory, or the trust log's own directory.
  const watchedOf = (kill: number): string => (store.appends ? pathOf(kill) : dataDirOf(kill));

  let tempFileLeft = 0;
  let insideWrite = 0;
  let tornLines = 0;
  /** What the next writer's own load must report: the torn line the last check found, if it reads that file. */
  let nextWriterReports = '';
  let kills = 0;
  let lastLoaded = -1;
  let current: Writer | null = null;
  let next: Writer | null = startWriter(options, pathOf(0));
  try {
    for (let kill = 0; kill < options.kills && !options.stopped(); kill += 1) {
      current = next!;
      next = kill + 1 < options.kills ? startWriter(options, pathOf(kill + 1)) : null;
      if (store.appends && kill % KILLS_PER_LOG === 0) lastLoaded = -1;
      await mkdir(dataDirOf(kill), { recursive: true });

      await current.up;
      current.process.stdin.write('go\n');
      await current.wrote;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * options.maxDelayMs));
      current.process.kill('SIGKILL');
      expect(await current.closed).toBe('SIGKILL');
      expect(current.stderr()).toBe(nextWriterReports);
      kills += 1;
      const killedInsideWrite = current.lastMarker() === 'w';
      if (killedInsideWrite) insideWrite += 1;

      const left = await readdir(watchedOf(kill));
      expect(left.filter((name) => name.includes('.corrupt-'))).toEqual([]);
      if (left.some(isTemp)) tempFileLeft += 1;

      // The real loader, in this process: it must find a whole version and report nothing.
      const problems: Array<StoreProblem | TrustLogProblem> = [];
      const loaded = await store.open(pathOf(kill), { cipherKey: options.cipherKey, report: (p) => problems.push(p) }).load();
      // An append killed inside its write can leave part of its line: the kernel copies a write that crosses a
      // page boundary page by page and stops at the kill. The log reports that one torn last line (and the
      // next append removes it); nothing else may be reported, and never after a kill outside a write.
      const torn = store.appends && killedInsideWrite ? problems.filter((p) => p.kind === 'torn-last-line') : [];
      expect(torn.length).toBeLessThanOrEqual(1);
      expect(problems.filter((p) => !torn.includes(p))).toEqual([]);
      tornLines += torn.length;
      nextWriterReports = torn.length === 1 && dataDirOf(kill + 1) === dataDirOf(kill) ? `${torn[0]!.kind}: ${torn[0]!.message}\n` : '';
      expect(loaded, `after kill ${kill} the ${store.name} store held neither version`).not.toBeNull();
      // At least one write finished before the kill: the log holds every line it had at the last check and
      // at least one more; a replacing store holds one of its versions.
      expect(loaded).toBeGreaterThanOrEqual(store.appends ? lastLoaded + 1 : 0);
      lastLoaded = loaded ?? -1;
      // And that load removed what the killed writer left behind.
      expect((await readdir(watchedOf(kill))).filter(isTemp)).toEqual([]);
    }
  } finally {
    // A failed check leaves writers running: end them before the test removes their directory.
    for (const writer of [current, next]) {
      if (writer === null) continue;
      writer.process.kill('SIGKILL');
      await writer.closed;
    }
  }
  return { kills, tempFileLeft, insideWrite, tornLines };
}
