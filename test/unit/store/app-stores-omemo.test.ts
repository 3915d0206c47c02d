/**
 * The app opens the OMEMO key file once with its other stores. A key file that does not open is reported in
 * the user's words through the same `report` as every other damaged store, left exactly as it was (new keys
 * would be a new identity), and removing an account then touches nothing in it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppStores } from '../../../main/store/app-stores.js';
import { createTestCipher } from '../../harness/test-cipher.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const now = () => new Date('2024-06-01T12:00:00Z');

describe('the OMEMO key file among the app stores', () => {
  it('opens omemo-keys.sqlite in the data directory', async () => {
    const dataDir = await tempDir();
    const problems: string[] = [];
    const stores = openAppStores({ dataDir, cipher: createTestCipher(), now, report: (problem) => problems.push(problem.message) });
    expect(stores.omemoKeys.ok).toBe(true);
    if (stores.omemoKeys.ok) expect(stores.omemoKeys.db.name).toBe(join(dataDir, 'omemo-keys.sqlite'));
    expect(problems).toEqual([]);
    stores.messages.close();
    if (stores.omemoKeys.ok) stores.omemoKeys.db.close();
  });

  it('reports a damaged key file, leaves it as it is, and forgetting an account does not touch it', async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, 'omemo-keys.sqlite');
    const garbage = Buffer.from('SQLite format 3\0'.padEnd(4096, 'x'));
    await writeFile(file, garbage, { mode: 0o600 });
    const problems: Array<{ kind?: string; message: string }> = [];
    const stores = openAppStores({ dataDir, cipher: createTestCipher(), now, report: (problem) => problems.push(problem) });

    expect(stores.omemoKeys).toMatchObject({ ok: false, problem: { kind: 'damaged', file } });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('Encryption (OMEMO) stays off');
    await stores.accountData.forget('5b0f4c52-55a0-4a8b-a7b5-2f0e4c1f3a10');
    expect(await readFile(file)).toEqual(garbage);
    stores.messages.close();
  });
});
