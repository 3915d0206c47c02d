/**
 * issue 15: OMEMO. Our signed pre-key replaced on a schedule (signed-prekey-schedule.ts), through one account's
 * OMEMO with its real parts and a clock the test moves: kept until it is a week old, then replaced at the next
 * session online and published in the bundle, its age kept across a restart in the sealed key file; a message
 * built on the replaced key still opens during the grace period, and is refused with a typed error after it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSealedKeyRecords } from '../../../../main/store/omemo/sealed-keys.js';
import { openOmemoKeyFile } from '../../../../main/store/omemo/omemo-key-file.js';
import { SIGNED_PRE_KEY_GRACE_MS } from '../../../../main/omemo/omemo-device.js';
import { SIGNED_PRE_KEY_MAX_AGE_MS } from '../../../../main/services/omemo/signed-prekey-schedule.js';
import { createTestCipher } from '../../../harness/test-cipher.js';
import { useTempDirs } from '../../store/temp-dir.js';
import { createMemoryPepServer, type MemoryPepServer } from './memory-pep.js';
import { account, DAY, failure, readySelf, type Account } from './omemo-accounts.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.net';
const CAROL = 'carol@example.com';
const DAVE = 'dave@example.com';
const T0 = Date.UTC(2026, 0, 1);
const tempDir = useTempDirs();

/** The signed pre-key id of the bundle `jid`'s device published. */
function publishedSignedPreKey(server: MemoryPepServer, jid: string, who: Account): number | undefined {
  return server.bundles.get(`${jid}/${readySelf(who.omemo)}`)?.signedPreKey.id;
}

const rotations = (who: Account) => who.log.map((entry) => entry.reason).filter((reason) => reason.includes('signed pre-key'));

/** A new session: offline, then online again (where the schedule is checked). */
async function reconnect(who: Account, server: MemoryPepServer, jid: string): Promise<void> {
  who.omemo.offline();
  await who.omemo.online(server.client(jid));
}

describe('our signed pre-key on a schedule', () => {
  it('the schedule is a week, and the grace period outlasts it', () => {
    expect(SIGNED_PRE_KEY_MAX_AGE_MS).toBe(7 * DAY);
    expect(SIGNED_PRE_KEY_GRACE_MS).toBeGreaterThan(SIGNED_PRE_KEY_MAX_AGE_MS);
  });

  it('is kept until it is a week old, then replaced at the next session online and published; its age survives a restart', async () => {
    const file = openOmemoKeyFile(join(await tempDir(), 'omemo-keys.sqlite'));
    if (!file.ok) throw new Error(file.problem.message);
    // One OS key store for both runs: the second run opens what the first sealed.
    const records = createSealedKeyRecords({ db: file.db, account: 'bob', cipher: createTestCipher() });
    const server = createMemoryPepServer();
    let now = T0;
    const bob = await account(BOB, { records, now: () => now });
    await bob.omemo.online(server.client(BOB));
    expect(publishedSignedPreKey(server, BOB, bob)).toBe(1);

    now = T0 + 7 * DAY - 1;
    await reconnect(bob, server, BOB);
    expect(publishedSignedPreKey(server, BOB, bob)).toBe(1);
    expect(rotations(bob)).toEqual([]);
    bob.omemo.dispose();

    // The app starts again a week after the key was made: its creation time came from the sealed key file.
    now = T0 + 7 * DAY;
    const again = await account(BOB, { records, now: () => now });
    const republished = server.nextPublish((line) => line === `bundle ${BOB} ${readySelf(again.omemo)}`);
    await again.omemo.online(server.client(BOB));
    await republished;
    expect(readySelf(again.omemo)).toBe(readySelf(bob.omemo));
    expect(publishedSignedPreKey(server, BOB, again)).toBe(2);
    expect(rotations(again)).toEqual(['our signed pre-key was due for replacement: replaced by signed pre-key 2']);

    // The new key is young: the next session keeps it.
    await reconnect(again, server, BOB);
    expect(publishedSignedPreKey(server, BOB, again)).toBe(2);
    again.omemo.dispose();
    file.db.close();
  });

  it('a message built on the replaced key opens during the grace period; after it the key is dropped and the message refused with a typed error', async () => {
    const server = createMemoryPepServer();
    let now = T0;
    const clock = () => now;
    const bob = await account(BOB, { now: clock });
    await bob.omemo.online(server.client(BOB));
    const senders = await Promise.all([ALICE, CAROL, DAVE].map((jid) => account(jid, { now: clock })));
    const [alice, carol, dave] = senders as [Account, Account, Account];
    for (const [who, jid] of [
      [alice, ALICE],
      [carol, CAROL],
      [dave, DAVE],
    ] as const) {
      await who.omemo.online(server.client(jid));
    }
    // Built from Bob's bundle with signed pre-key 1, and read by Bob only later (he was offline, or they were slow).
    const built = await Promise.all(senders.map((who, i) => who.omemo.encrypt(BOB, `built on key 1 (${i})`)));
    expect(built.map((b) => b.delivered.map((d) => d.prekey))).toEqual([[true], [true], [true]]);
    const [fromAlice, fromDave, fromCarol] = [built[0]!.message, built[2]!.message, built[1]!.message];

    now = T0 + 7 * DAY;
    await reconnect(bob, server, BOB);
    expect(publishedSignedPreKey(server, BOB, bob)).toBe(2);
    expect(await bob.omemo.decrypt(ALICE, fromAlice)).toBe('built on key 1 (0)');

    // The last moment of the grace period (counted from the replacement): still opens.
    now = T0 + 7 * DAY + SIGNED_PRE_KEY_GRACE_MS - 1;
    await reconnect(bob, server, BOB);
    expect(await bob.omemo.decrypt(DAVE, fromDave)).toBe('built on key 1 (2)');

    now = T0 + 7 * DAY + SIGNED_PRE_KEY_GRACE_MS;
    await reconnect(bob, server, BOB);
    expect(rotations(bob)).toContain('replaced signed pre-keys past their grace period dropped: 1');
    const refused = await failure(bob.omemo.decrypt(CAROL, fromCarol));
    expect(refused.kind).toBe('bad-message');
  });
});
