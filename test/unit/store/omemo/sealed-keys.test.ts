import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../../app/domain/account.js';
import { openOmemoKeyFile } from '../../../../main/store/omemo/omemo-key-file.js';
import { createSealedKeyRecords, forgetOmemoKeys, OmemoKeyError } from '../../../../main/store/omemo/sealed-keys.js';
import { createOmemoDevice } from '../../../../main/omemo/omemo-device.js';
import { keyStoreOnRecords } from '../../../../main/omemo/records-key-store.js';
import { createTestCipher } from '../../../harness/test-cipher.js';
import { useTempDirs } from '../temp-dir.js';

const ALICE = '3f6e2a0e-8d2e-4c55-9a57-3b0f3f2b6a11' as AccountId;
const BOB = '9b1c7d44-2f0a-4e8b-8d6e-0c2a5f7e9d33' as AccountId;
/** Bytes that stand for a private key: they must never appear in the file. */
const SECRET = new Uint8Array(Buffer.from('PRIVATE-KEY-MATERIAL-0123456789abcdef', 'utf8'));

async function keyFile(dir: string): Promise<{ file: string; db: Database.Database }> {
  const file = join(dir, 'omemo-keys.sqlite');
  const opened = openOmemoKeyFile(file);
  if (!opened.ok) throw new Error(opened.problem.message);
  return { file, db: opened.db };
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof OmemoKeyError) return error.kind;
    throw error;
  }
}

describe('OMEMO keys at rest', () => {
  const tempDir = useTempDirs();

  it('keeps values across a reopen, and nothing of them in the clear in the file or its WAL', async () => {
    const dir = await tempDir();
    const cipher = createTestCipher();
    const first = await keyFile(dir);
    const keys = createSealedKeyRecords({ db: first.db, account: ALICE, cipher });
    await keys.put('own-device', '', SECRET);
    await keys.put('pre-key', '00000007', new Uint8Array([7]));
    const raw = Buffer.concat([readFileSync(first.file), readFileSync(`${first.file}-wal`)]);
    expect(raw.includes(Buffer.from(SECRET))).toBe(false);
    first.db.close();

    const again = await keyFile(dir);
    const reopened = createSealedKeyRecords({ db: again.db, account: ALICE, cipher });
    expect(await reopened.get('own-device', '')).toEqual(SECRET);
    expect(await reopened.list('pre-key')).toEqual([{ key: '00000007', value: new Uint8Array([7]) }]);
    expect(await reopened.get('session', 'bob@example.org:1')).toBeUndefined();
    again.db.close();
  });

  it('writes nothing when the OS offers no protected key store', async () => {
    const { db } = await keyFile(await tempDir());
    const keys = createSealedKeyRecords({ db, account: ALICE, cipher: createTestCipher(false) });
    expect(await kindOf(keys.put('own-device', '', SECRET))).toBe('no-secret-store');
    expect(db.prepare('SELECT count(*) AS n FROM sealed').get()).toEqual({ n: 0 });
    db.close();
  });

  it('fails closed on a changed value, and on a value moved to another row', async () => {
    const { db } = await keyFile(await tempDir());
    const keys = createSealedKeyRecords({ db, account: ALICE, cipher: createTestCipher() });
    await keys.put('session', 'bob@example.org:1', SECRET);
    await keys.put('session', 'bob@example.org:2', new Uint8Array([1, 2, 3]));
    const sealed = (db.prepare(`SELECT value FROM sealed WHERE name = 'bob@example.org:1'`).get() as { value: Buffer }).value;

    const flipped = Buffer.from(sealed);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    db.prepare(`UPDATE sealed SET value = ? WHERE name = 'bob@example.org:1'`).run(flipped);
    expect(await kindOf(keys.get('session', 'bob@example.org:1'))).toBe('damaged');

    db.prepare(`UPDATE sealed SET value = ? WHERE name = 'bob@example.org:2'`).run(sealed);
    expect(await kindOf(keys.get('session', 'bob@example.org:2'))).toBe('damaged');
    db.close();
  });

  it('fails closed when the data key was sealed by another key store, and replaces nothing', async () => {
    const dir = await tempDir();
    const first = await keyFile(dir);
    await createSealedKeyRecords({ db: first.db, account: ALICE, cipher: createTestCipher() }).put('own-device', '', SECRET);
    const before = first.db.prepare('SELECT kind, name, value FROM sealed ORDER BY kind, name').all();
    const keys = createSealedKeyRecords({ db: first.db, account: ALICE, cipher: createTestCipher() }); // another key
    const error = await keys.get('own-device', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmemoKeyError);
    expect((error as OmemoKeyError).kind).toBe('damaged');
    expect((error as OmemoKeyError).message).toMatch(/cannot be read.*nothing was replaced/);
    expect(first.db.prepare('SELECT kind, name, value FROM sealed ORDER BY kind, name').all()).toEqual(before);
    first.db.close();
  });

  it('keeps accounts apart: one data key each, and removing an account removes only its keys', async () => {
    const { db } = await keyFile(await tempDir());
    const cipher = createTestCipher();
    const alice = createSealedKeyRecords({ db, account: ALICE, cipher });
    const bob = createSealedKeyRecords({ db, account: BOB, cipher });
    await alice.put('own-device', '', SECRET);
    await bob.put('own-device', '', new Uint8Array([9]));
    expect(await alice.get('own-device', '')).toEqual(SECRET);
    expect(await bob.get('own-device', '')).toEqual(new Uint8Array([9]));
    forgetOmemoKeys(db, ALICE);
    expect(await alice.get('own-device', '')).toBeUndefined();
    expect(await bob.get('own-device', '')).toEqual(new Uint8Array([9]));
    db.close();
  });

  it('agrees on one data key when two stores of one account start at once', async () => {
    const { db } = await keyFile(await tempDir());
    const cipher = createTestCipher();
    const a = createSealedKeyRecords({ db, account: ALICE, cipher });
    const b = createSealedKeyRecords({ db, account: ALICE, cipher });
    await Promise.all([a.put('pre-key', '1', new Uint8Array([1])), b.put('pre-key', '2', new Uint8Array([2]))]);
    const fresh = createSealedKeyRecords({ db, account: ALICE, cipher });
    expect(await fresh.get('pre-key', '1')).toEqual(new Uint8Array([1]));
    expect(await fresh.get('pre-key', '2')).toEqual(new Uint8Array([2]));
    db.close();
  });

  it('removes one value', async () => {
    const { db } = await keyFile(await tempDir());
    const keys = createSealedKeyRecords({ db, account: ALICE, cipher: createTestCipher() });
    await keys.put('pre-key', '1', new Uint8Array([1]));
    await keys.delete('pre-key', '1');
    expect(await keys.get('pre-key', '1')).toBeUndefined();
    expect(await keys.list('pre-key')).toEqual([]);
    db.close();
  });

  it('keeps an OMEMO device across a restart: the same id and the same bundle, and its private key sealed', async () => {
    const dir = await tempDir();
    const cipher = createTestCipher();
    const first = await keyFile(dir);
    const device = createOmemoDevice({ store: keyStoreOnRecords(createSealedKeyRecords({ db: first.db, account: ALICE, cipher })), now: () => Date.now() });
    await device.setUp();
    const bundle = await device.bundle();
    const own = await keyStoreOnRecords(createSealedKeyRecords({ db: first.db, account: ALICE, cipher })).loadOwnDevice();
    if (!own) throw new Error('no device stored');
    const raw = Buffer.concat([readFileSync(first.file), readFileSync(`${first.file}-wal`)]);
    expect(raw.includes(Buffer.from(own.identityKeyPair.privateKey))).toBe(false);
    first.db.close();

    const again = await keyFile(dir);
    const store = keyStoreOnRecords(createSealedKeyRecords({ db: again.db, account: ALICE, cipher }));
    const restarted = createOmemoDevice({ store, now: () => Date.now() });
    await restarted.setUp();
    expect((await store.loadOwnDevice())?.deviceId).toBe(own.deviceId);
    expect(await restarted.bundle()).toEqual(bundle);
    again.db.close();
  });
});
