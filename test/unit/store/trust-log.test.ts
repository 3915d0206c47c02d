import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createTrustLog, logFileName, type TrustLogEntry, type TrustLogProblem } from '../../../main/store/trust-log.js';
import { SUMMARY } from './pin-fixture.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const ACCOUNT = 'alice@example.com';

const verification = (at: string, overrides: Partial<TrustLogEntry> = {}): TrustLogEntry =>
  ({
    v: 1,
    at,
    account: ACCOUNT,
    kind: 'verification',
    host: 'xmpp.hosting.example.net',
    port: 5222,
    method: null,
    verified: false,
    undecided: 'delegated-host',
    certificateSha256: SUMMARY.sha256,
    spkiSha256: SUMMARY.spkiSha256,
    ...overrides,
  }) as TrustLogEntry;

const decision = (at: string): TrustLogEntry => ({
  v: 1,
  at,
  account: ACCOUNT,
  kind: 'decision',
  host: 'xmpp.hosting.example.net',
  port: 5222,
  method: null,
  verified: false,
  undecided: 'delegated-host',
  certificateSha256: SUMMARY.sha256,
  spkiSha256: SUMMARY.spkiSha256,
  decision: 'pin',
});

async function setup() {
  const dir = await tempDir();
  const problems: TrustLogProblem[] = [];
  const log = createTrustLog({ dir, report: (p) => problems.push(p), locks: createPathLocks() });
  return { dir, problems, log, file: log.fileFor(ACCOUNT) };
}

describe('trust log', () => {
  it('appends JSON lines and reads them back in order', async () => {
    const { log, file, problems } = await setup();
    const entries = [
      verification('2024-06-01T00:00:00.000Z'),
      decision('2024-06-01T00:00:05.000Z'),
      verification('2024-06-02T00:00:00.000Z', { method: 'pin', verified: true, undecided: null }),
    ];
    for (const entry of entries) await log.append(entry);
    expect(await log.read(ACCOUNT)).toEqual(entries);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[1] ?? '')).toEqual(entries[1]);
    expect(problems).toEqual([]);
  });

  it('keeps one file per account', async () => {
    const { log, dir } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    await log.append(verification('2024-06-01T00:00:00.000Z', { account: 'bob@example.org' }));
    expect(await log.read(ACCOUNT)).toHaveLength(1);
    expect(await log.read('bob@example.org')).toHaveLength(1);
    expect(await log.read('carol@example.net')).toEqual([]);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('parallel appends all land, each on its own line', async () => {
    const { log } = await setup();
    const entries = Array.from({ length: 30 }, (_, i) => verification(new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString()));
    await Promise.all(entries.map((entry) => log.append(entry)));
    expect((await log.read(ACCOUNT)).map((e) => e.at).sort()).toEqual(entries.map((e) => e.at).sort());
  });

  it('skips and reports a torn last line, keeping every earlier line', async () => {
    const { log, file, problems } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    await log.append(decision('2024-06-01T00:00:05.000Z'));
    const whole = JSON.stringify(verification('2024-06-01T00:00:09.000Z'));
    await appendFile(file, whole.slice(0, whole.length / 2)); // a crash in the middle of an append

    expect(await log.read(ACCOUNT)).toEqual([verification('2024-06-01T00:00:00.000Z'), decision('2024-06-01T00:00:05.000Z')]);
    expect(problems).toEqual([{ file, line: 3, kind: 'torn-last-line', message: expect.stringContaining('incomplete') }]);
  });

  it('an append after a torn line starts on a new line, so the new entry survives', async () => {
    const { log, file, problems } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    await appendFile(file, '{"v":1,"at":"2024-06-01T00:0');
    await log.append(decision('2024-06-01T00:00:05.000Z'));

    expect(await log.read(ACCOUNT)).toEqual([verification('2024-06-01T00:00:00.000Z'), decision('2024-06-01T00:00:05.000Z')]);
    expect(problems).toMatchObject([{ line: 2, kind: 'invalid-line' }]);
  });

  it('a last line missing only its newline is whole and kept', async () => {
    const { log, file, problems } = await setup();
    await writeFile(file, JSON.stringify(verification('2024-06-01T00:00:00.000Z')));
    expect(await log.read(ACCOUNT)).toEqual([verification('2024-06-01T00:00:00.000Z')]);
    expect(problems).toEqual([]);
  });

  it('skips and reports damaged lines and lines of another account', async () => {
    const { log, file, problems } = await setup();
    const good = verification('2024-06-01T00:00:00.000Z');
    await writeFile(
      file,
      [
        JSON.stringify(good),
        'not json',
        JSON.stringify({ ...good, port: 0 }),
        JSON.stringify({ ...good, verified: true }), // verified without a method
        JSON.stringify({ ...good, extra: 'field' }),
        JSON.stringify({ ...good, account: 'mallory@example.com' }),
        JSON.stringify(good),
        '',
      ].join('\n'),
    );
    expect(await log.read(ACCOUNT)).toEqual([good, good]);
    expect(problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'invalid-line'],
      [3, 'invalid-line'],
      [4, 'invalid-line'],
      [5, 'invalid-line'],
      [6, 'invalid-line'],
    ]);
  });

  it('refuses to log an entry that would not read back', async () => {
    const { log, dir } = await setup();
    await expect(log.append(verification('yesterday'))).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(log.append({ ...decision('2024-06-01T00:00:00.000Z'), decision: 'trust-anyway' } as unknown as TrustLogEntry)).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(log.append(verification('2024-06-01T00:00:00.000Z', { certificateSha256: 'abc' }))).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('exports an account as one JSON document', async () => {
    const { log } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    await log.append(decision('2024-06-01T00:00:05.000Z'));
    expect(JSON.parse(await log.exportJson(ACCOUNT))).toEqual({
      format: 'hostproof.trust-log',
      version: 1,
      account: ACCOUNT,
      entries: [verification('2024-06-01T00:00:00.000Z'), decision('2024-06-01T00:00:05.000Z')],
    });
  });

  it('file names stay inside the log directory and do not collide', async () => {
    const { log, dir } = await setup();
    for (const account of ['../../etc/passwd', 'A@example.com', 'a@example.com', 'con', 'x'.repeat(500)]) {
      const name = logFileName(account);
      expect(name).toMatch(/^trust-log-[a-z0-9.@_-]{0,64}-[0-9a-f]{16}\.jsonl$/);
      expect(log.fileFor(account)).toBe(join(dir, name));
    }
    expect(logFileName('A@example.com')).not.toBe(logFileName('a@example.com'));
  });
});
