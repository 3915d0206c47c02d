/**
 * The login memory fails closed: a damaged file means "SCRAM required" for every account (the file cannot
 * say which used SCRAM), that state is written to disk so a restart keeps it, and each account leaves it
 * only by a SCRAM login. Real files in a temp directory.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoginMemory } from '../../../main/store/login-memory.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import type { StoreProblem } from '../../../main/store/versioned-json-file.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const ALICE = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const BOB = '7a2d3b45-6c7e-4f80-9bac-1d2e3f4a5b6c';

async function setup() {
  const dir = await tempDir();
  const file = join(dir, 'logins.json');
  const problems: StoreProblem[] = [];
  // A new memory per call is a restart: nothing is kept in memory between them.
  const open = () => createLoginMemory({ file, now: () => new Date('2024-06-01T00:00:00.000Z'), report: (p) => problems.push(p), locks: createPathLocks() });
  return { dir, file, problems, open };
}

describe('login memory', () => {
  it('remembers per account and knows nothing of an account it never saw', async () => {
    const { open } = await setup();
    await open().remember(ALICE, 'SCRAM-SHA-256');
    expect(await open().mechanism(ALICE)).toBe('SCRAM-SHA-256');
    expect(await open().mechanism(BOB)).toBeNull();
  });

  it.each([
    ['half a file', '{"schema":"hostproof.logins","version":1,"data":{"6f1c2a34-'],
    ['another schema', '{"schema":"hostproof.pins","version":1,"data":[]}'],
    ['invalid data', `{"schema":"hostproof.logins","version":1,"data":{"${ALICE}":"MD5"}}`],
  ])('treats %s as "SCRAM required" for every account, across restarts, and says so', async (_what, text) => {
    const { dir, file, problems, open } = await setup();
    await writeFile(file, text);

    expect(await open().mechanism(ALICE)).toBe('scram-required');
    expect(await open().mechanism(BOB)).toBe('scram-required');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/will not send any password in clear \(PLAIN\)/);
    // The damaged file is kept as evidence; the marker took its place on disk.
    const kept = (await readdir(dir)).filter((f) => f.startsWith('logins.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ data: { '*': 'scram-required' } });
    expect(problems).toHaveLength(1); // the restart read the marker, not a damaged file

    // A SCRAM login ends it for that account only.
    await open().remember(ALICE, 'SCRAM-SHA-1');
    expect(await open().mechanism(ALICE)).toBe('SCRAM-SHA-1');
    expect(await open().mechanism(BOB)).toBe('scram-required');
  });

  it('reads files written before the marker existed', async () => {
    const { file, problems, open } = await setup();
    await writeFile(file, JSON.stringify({ schema: 'hostproof.logins', version: 1, data: { [ALICE]: 'SCRAM-SHA-1' } }));
    expect(await open().mechanism(ALICE)).toBe('SCRAM-SHA-1');
    expect(await open().mechanism(BOB)).toBeNull();
    expect(problems).toEqual([]);
  });
});
