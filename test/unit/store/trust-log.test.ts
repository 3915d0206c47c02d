import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trustLogEntryFrom } from '../../../app/domain/trust-log-entry.js';
import type { TrustLogEntryV1, TrustLogEntryV2 } from '../../../app/domain/trust-records.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { MAX_LINE_BYTES } from '../../../main/store/trust-log-tail.js';
import { createTrustLog, logFileName, type TrustLogProblem } from '../../../main/store/trust-log.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import { PKIX_CHAIN_ONLY, input, posh } from '../trust/verdict-fixtures.js';
import { SUMMARY } from './pin-fixture.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const ACCOUNT = 'alice@example.com';

/** The engine's verdict for a delegated host without POSH, on a real certificate summary. */
const VERDICT = decideTrust(input({ certificate: SUMMARY, chain: [SUMMARY], pkix: PKIX_CHAIN_ONLY, posh: posh('absent', SUMMARY) }));

const verification = (at: string, overrides: Partial<TrustLogEntryV2> = {}): TrustLogEntryV2 =>
  ({ ...trustLogEntryFrom(VERDICT, { at, account: ACCOUNT }), ...overrides }) as TrustLogEntryV2;

const decision = (at: string): TrustLogEntryV2 => trustLogEntryFrom(VERDICT, { at, account: ACCOUNT, decision: 'pin' });

/** A line exactly as version 1 of the app wrote it: the outcome, without the why. */
const v1Line = (at: string): TrustLogEntryV1 => ({
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
});

/** The lines a file holds after `before` (which it must start with), parsed; each must end with "\n". */
function linesAfter(text: string, before: string): unknown[] {
  expect(text.startsWith(before)).toBe(true);
  const rest = text.slice(before.length);
  expect(rest.endsWith('\n')).toBe(true);
  return rest.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
}

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

  it('an append after a torn line removes what the unfinished append left, so the log reads clean again', async () => {
    const { log, file, problems } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    const before = await readFile(file, 'utf8');
    await appendFile(file, '{"v":1,"at":"2024-06-01T00:0');
    await log.append(decision('2024-06-01T00:00:05.000Z'));

    expect(linesAfter(await readFile(file, 'utf8'), before)).toEqual([decision('2024-06-01T00:00:05.000Z')]);
    expect(await log.read(ACCOUNT)).toEqual([verification('2024-06-01T00:00:00.000Z'), decision('2024-06-01T00:00:05.000Z')]);
    expect(problems).toEqual([]);
  });

  it('an append after a torn first line leaves only the new entry', async () => {
    const { log, file, problems } = await setup();
    await writeFile(file, '{"v":2,"at":"2024');
    await log.append(decision('2024-06-01T00:00:05.000Z'));
    expect(linesAfter(await readFile(file, 'utf8'), '')).toEqual([decision('2024-06-01T00:00:05.000Z')]);
    expect(problems).toEqual([]);
  });

  it('an append after a whole last line without its newline keeps that line', async () => {
    const { log, file, problems } = await setup();
    await writeFile(file, JSON.stringify(verification('2024-06-01T00:00:00.000Z')));
    await log.append(decision('2024-06-01T00:00:05.000Z'));
    expect(await log.read(ACCOUNT)).toEqual([verification('2024-06-01T00:00:00.000Z'), decision('2024-06-01T00:00:05.000Z')]);
    expect(problems).toEqual([]);
  });

  it('damage too long to be one unfinished append is kept as evidence, and the new entry starts on a new line', async () => {
    const { log, file, problems } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    await appendFile(file, 'x'.repeat(MAX_LINE_BYTES + 10));
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
    await expect(log.append({ ...decision('2024-06-01T00:00:00.000Z'), decision: 'trust-anyway' } as unknown as TrustLogEntryV2)).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    await expect(log.append(verification('2024-06-01T00:00:00.000Z', { certificateSha256: 'abc' }))).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the why of each line: summary, warnings and the delegation steps in short', async () => {
    const { log } = await setup();
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    const [entry] = await log.read(ACCOUNT);
    expect(entry).toMatchObject({ v: 2, summary: VERDICT.summary, warnings: VERDICT.warnings });
    expect(VERDICT.warnings).toContain('delegated-host');
    expect(entry?.v === 2 && entry.delegation.map((s) => s.kind)).toEqual(VERDICT.delegation.map((s) => s.kind));
  });

  it('still reads the lines version 1 wrote, between the new ones, as they were written', async () => {
    const { log, file, problems } = await setup();
    await writeFile(file, `${JSON.stringify(v1Line('2024-05-01T00:00:00.000Z'))}\n`);
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    expect(await log.read(ACCOUNT)).toEqual([v1Line('2024-05-01T00:00:00.000Z'), verification('2024-06-01T00:00:00.000Z')]);
    expect(problems).toEqual([]);
  });

  it('keeps a login line: how the login on a verified connection was protected', async () => {
    const { log, problems } = await setup();
    const login = (mechanism: string, channelBinding: string | null, outcome: object = { verified: true, method: 'pin', undecided: null }) =>
      ({
        ...trustLogEntryFrom(VERDICT, { at: '2024-06-01T00:00:00.000Z', account: ACCOUNT, login: { mechanism: 'SCRAM-SHA-1', channelBinding: null } }),
        ...outcome,
        login: { mechanism, channelBinding },
      }) as TrustLogEntryV2;
    await log.append(login('SCRAM-SHA-256-PLUS', 'tls-exporter'));
    await log.append(login('SCRAM-SHA-256', null));
    const entries = await log.read(ACCOUNT);
    expect(entries.map((e) => (e.kind === 'login' ? e.login : null))).toEqual([
      { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' },
      { mechanism: 'SCRAM-SHA-256', channelBinding: null },
    ]);
    expect(problems).toEqual([]);
    // A login never follows an unverified verdict, and only known mechanisms and binding types are logged.
    await expect(log.append(login('SCRAM-SHA-256', null, { verified: false, method: null, undecided: 'delegated-host' }))).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(log.append(login('DIGEST-MD5', null))).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(log.append(login('SCRAM-SHA-256-PLUS', 'tls-guess'))).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('refuses to append a line of an old version or one that mixes the versions', async () => {
    const { log } = await setup();
    await expect(log.append(v1Line('2024-06-01T00:00:00.000Z') as unknown as TrustLogEntryV2)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(log.append({ ...verification('2024-06-01T00:00:00.000Z'), v: 1 } as unknown as TrustLogEntryV2)).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(log.append(verification('2024-06-01T00:00:00.000Z', { warnings: ['nothing-to-see'] } as never))).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('logs the line of a hostile certificate with huge names (clipped), rather than refusing it', async () => {
    const { log } = await setup();
    const huge = { ...SUMMARY, names: { dns: Array.from({ length: 50 }, (_, i) => `${'a'.repeat(60)}.${i}.example`), srv: [], xmppAddr: [], commonNames: [] } };
    const verdict = decideTrust(input({ certificate: huge, chain: [huge], pkix: PKIX_CHAIN_ONLY, posh: posh('absent', huge) }));
    await log.append(trustLogEntryFrom(verdict, { at: '2024-06-01T00:00:00.000Z', account: ACCOUNT }));
    expect(await log.read(ACCOUNT)).toHaveLength(1);
  });

  it('exports an account as one JSON document, each line with its own version', async () => {
    const { log, file } = await setup();
    await writeFile(file, `${JSON.stringify(v1Line('2024-05-01T00:00:00.000Z'))}\n`);
    await log.append(verification('2024-06-01T00:00:00.000Z'));
    await log.append(decision('2024-06-01T00:00:05.000Z'));
    expect(JSON.parse(await log.exportJson(ACCOUNT))).toEqual({
      format: 'hostproof.trust-log',
      version: 2,
      account: ACCOUNT,
      entries: [v1Line('2024-05-01T00:00:00.000Z'), verification('2024-06-01T00:00:00.000Z'), decision('2024-06-01T00:00:05.000Z')],
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
