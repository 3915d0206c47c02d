/**
 * A damaged store file fails closed (issue 9, "crash safety"): for each of the eight stores, a file cut in
 * half, one full of garbage and one of a format version this app does not know. The JSON stores move the
 * damaged file aside to `<file>.corrupt-<time>` (the bytes kept as they were), report a typed problem, and
 * answer with their fail-closed value (fail-closed.ts), again after a restart, and then work again. The trust
 * log is append-only and never rewritten: it reports and skips the damaged line and keeps the whole ones.
 *
 * Finer cases live with each store's unit tests (test/unit/store/): every problem kind and its message for
 * pins and the POSH cache, schema-level invalid data, an earlier .corrupt- copy never overwritten, the login
 * memory's marker ended by a SCRAM login, torn and foreign trust-log lines. Through the whole app:
 * damaged-pin-file-app.test.ts here (the app asks about the server again), and
 * test/integration/app/mechanism-downgrade.test.ts (a damaged login memory: a PLAIN-only server gets no <auth>).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createTrustLog, type TrustLogProblem } from '../../../main/store/trust-log.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { expectBehaviour } from '../behaviour-table.js';
import { FAIL_CLOSED } from './fail-closed.js';
import { CRASH_CASES, type CrashCase } from './store-cases.js';
import { CRASH_JID } from './store-versions.js';

const NOW = new Date('2024-06-01T12:34:56.789Z');
/** Fixed bytes that are no JSON (and no line of it): the same garbage on every run. */
const GARBAGE = createHash('sha512').update('hostproof garbage').digest().map((byte) => (byte === 0x0a ? 0x00 : byte));

interface Damage {
  readonly name: 'truncated' | 'garbage' | 'wrong version';
  /** JSON stores: the whole file, damaged. */
  readonly file: (valid: Buffer) => Buffer;
  /** The trust log: its lines (three whole ones), one of them damaged. */
  readonly log: (lines: readonly string[]) => Buffer;
  readonly kind: StoreProblem['kind'];
  readonly logKind: TrustLogProblem['kind'];
}

const withVersion99 = (json: string): string => JSON.stringify({ ...(JSON.parse(json) as object), version: 99 });
const DAMAGES: readonly Damage[] = [
  {
    name: 'truncated',
    file: (valid) => valid.subarray(0, Math.floor(valid.length / 2)),
    // A crash in the middle of an append: the last line only half there.
    log: ([a, b, c]) => Buffer.from(`${a}\n${b}\n${c!.slice(0, c!.length / 2)}`),
    kind: 'not-json',
    logKind: 'torn-last-line',
  },
  {
    name: 'garbage',
    file: () => Buffer.from(GARBAGE),
    log: ([a, , c]) => Buffer.concat([Buffer.from(`${a}\n`), GARBAGE, Buffer.from(`\n${c}\n`)]),
    kind: 'not-json',
    logKind: 'invalid-line',
  },
  {
    name: 'wrong version',
    file: (valid) => Buffer.from(withVersion99(valid.toString('utf8'))),
    log: ([a, b, c]) => Buffer.from(`${a}\n${JSON.stringify({ ...(JSON.parse(b!) as object), v: 99 })}\n${c}\n`),
    kind: 'unknown-version',
    logKind: 'invalid-line',
  },
];

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes a valid store, damages it, and returns the damaged file and its bytes. */
async function damagedStore(store: CrashCase, damage: Damage, cipherKey: Buffer): Promise<{ path: string; file: string; bytes: Buffer }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hostproof-damaged-'));
  dirs.push(dataDir);
  const path = join(dataDir, store.path);
  const writer = store.open(path, { cipherKey, report: () => undefined });
  if (store.appends) {
    for (let i = 0; i < 3; i += 1) await writer.write(i);
    const file = createTrustLog({ dir: path, report: () => undefined, locks: createPathLocks() }).fileFor(CRASH_JID);
    const bytes = damage.log((await readFile(file, 'utf8')).split('\n'));
    await writeFile(file, bytes);
    return { path, file, bytes };
  }
  await writer.write(0);
  const bytes = damage.file(await readFile(path));
  await writeFile(path, bytes);
  return { path, file: path, bytes };
}

const CASES = CRASH_CASES.flatMap((store) => DAMAGES.map((damage) => [`${store.name}, ${damage.name}`, store, damage] as const));

describe('a damaged store file fails closed', () => {
  it.for(CASES)('%s: the damage is kept as evidence and reported, the store fails closed', async ([, store, damage], context) => {
    const cipherKey = randomBytes(32);
    const { path, file, bytes } = await damagedStore(store, damage, cipherKey);
    const problems: Array<StoreProblem | TrustLogProblem> = [];
    const deps = { cipherKey, now: () => NOW, report: (p: StoreProblem | TrustLogProblem) => problems.push(p) };

    const failClosed = await FAIL_CLOSED[store.name].observe(path, deps);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem?.message.length).toBeGreaterThan(40); // plain words for the user, not a code
    // A restart: the same answer. The JSON stores found no damage this time (it was moved aside, or, for
    // the login memory, replaced by its marker); the trust log, never rewritten, reports its line again.
    expect(await FAIL_CLOSED[store.name].observe(path, deps)).toBe(failClosed);
    expect(problems).toHaveLength(store.appends ? 2 : 1);

    const corrupt = (await readdir(dirname(file))).filter((name) => name.startsWith(`${file.slice(dirname(file).length + 1)}.corrupt-`));
    const keptBytes = corrupt.length === 1 ? await readFile(join(dirname(file), corrupt[0]!)) : null;
    const stillThere = await readFile(file).catch(() => null);
    const movedAside = keptBytes !== null && keptBytes.equals(bytes) && !(stillThere?.equals(bytes) ?? false);
    if (movedAside) expect(problem).toMatchObject({ movedTo: join(dirname(file), corrupt[0]!) });
    const keptInPlace = corrupt.length === 0 && stillThere !== null && stillThere.equals(bytes);
    const where = movedAside ? 'moved aside' : keptInPlace ? 'kept in place' : 'damaged bytes lost';

    if (!store.appends) {
      // And the store works again: the next write lands and loads, with nothing more to report.
      const again = store.open(path, { cipherKey, report: deps.report });
      await again.write(1);
      expect(await again.load()).toBe(1);
      expect(problems).toHaveLength(1);
    }

    const expectedKind = store.appends ? damage.logKind : damage.kind;
    expectBehaviour(context, {
      expected: `${store.appends ? 'kept in place' : 'moved aside'}, reported ${expectedKind}, ${FAIL_CLOSED[store.name].expected}`,
      got: `${where}, reported ${problem?.kind ?? 'nothing'}, ${failClosed}`,
    });
  });
});
