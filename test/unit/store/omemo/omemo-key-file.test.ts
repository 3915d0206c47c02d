import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { OMEMO_KEY_FILE_VERSION, openOmemoKeyFile } from '../../../../main/store/omemo/omemo-key-file.js';
import { useTempDirs } from '../temp-dir.js';

describe('the OMEMO key file', () => {
  const tempDir = useTempDirs();

  it('is created readable by the user alone, at the current version, with every commit synced', async () => {
    const file = join(await tempDir(), 'data', 'omemo-keys.sqlite');
    const opened = openOmemoKeyFile(file);
    if (!opened.ok) throw new Error(opened.problem.message);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(OMEMO_KEY_FILE_VERSION);
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    opened.db.close();
  });

  it('leaves a file that is not a database exactly as it is and says OMEMO stays off', async () => {
    const file = join(await tempDir(), 'omemo-keys.sqlite');
    const garbage = Buffer.from('this is not a database, but it might be the only copy of someone\'s keys '.repeat(100));
    writeFileSync(file, garbage, { mode: 0o600 });
    const opened = openOmemoKeyFile(file);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problem.kind).toBe('damaged');
    expect(opened.problem.message).toMatch(/damaged.*stays off.*nothing was changed or deleted/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('leaves a file from a newer Hostproof untouched', async () => {
    const file = join(await tempDir(), 'omemo-keys.sqlite');
    const newer = new Database(file);
    newer.pragma(`user_version = ${OMEMO_KEY_FILE_VERSION + 1}`);
    newer.close();
    const before = readFileSync(file);
    const opened = openOmemoKeyFile(file);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problem.kind).toBe('newer-version');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a place it cannot open in plain words', async () => {
    const dir = await tempDir();
    const opened = openOmemoKeyFile(dir); // a directory where the file should be
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.problem.kind).toBe('unavailable');
  });
});
