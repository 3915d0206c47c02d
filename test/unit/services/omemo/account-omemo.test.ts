/**
 * One account's OMEMO composed from its real parts (real keys, real cipher, real sealed key file where it
 * matters) over a PEP service in memory: our device id never clashes with one our account already lists, our id
 * is put back when another client removes it, a broken session is answered with a new one at most once per
 * device per interval, and OMEMO that is off refuses everything and writes nothing.
 */
import type { Element } from '@xmpp/xml';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryKeyRecords } from '../../../../main/omemo/memory-key-store.js';
import { keyStoreOnRecords } from '../../../../main/omemo/records-key-store.js';
import type { EncryptedMessage } from '../../../../main/omemo/omemo-types.js';
import { createAccountOmemo } from '../../../../main/services/omemo/account-omemo.js';
import { openOmemoKeyFile } from '../../../../main/store/omemo/omemo-key-file.js';
import { createSealedKeyRecords } from '../../../../main/store/omemo/sealed-keys.js';
import { readEncryptedMessage } from '../../../../main/xmpp/features/omemo/encrypted-element.js';
import { createTestCipher } from '../../../harness/test-cipher.js';
import { useTempDirs } from '../../store/temp-dir.js';
import { createMemoryPepServer } from './memory-pep.js';
import { account, failure, MINUTE, readySelf } from './omemo-accounts.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.net';
const tempDir = useTempDirs();

/** The EncryptedMessage inside a stanza our account sent (the repair's key transport). */
function encryptedIn(stanza: Element): EncryptedMessage {
  const read = readEncryptedMessage(stanza);
  if (read === null || !read.ok) throw new Error('no OMEMO element');
  return read.value;
}

describe("one account's OMEMO", () => {
  it('draws our device id again when the first one is already in our device list, and keeps the other id', async () => {
    const server = createMemoryPepServer();
    server.lists.set(ALICE, [1111]);
    const ids = [1111, 2222];
    const alice = await account(ALICE, { newDeviceId: () => ids.shift() ?? 3333 });
    expect(alice.omemo.state().status).toBe('waiting');

    await alice.omemo.online(server.client(ALICE));

    expect(readySelf(alice.omemo)).toBe(2222);
    expect(server.lists.get(ALICE)).toEqual([1111, 2222]);
    // The bundle first (a client seeing our id fetches it next), then the list.
    expect(server.published).toEqual([`bundle ${ALICE} 2222`, `list ${ALICE} 1111,2222`]);
    expect(server.bundles.get(`${ALICE}/2222`)?.preKeys).toHaveLength(100);
    expect(await alice.omemo.devicesOf(ALICE)).toEqual([1111, 2222]);
  });

  it('keeps its device across sessions: the same id, not listed twice, and the fingerprint of its identity key', async () => {
    const server = createMemoryPepServer();
    const records = createMemoryKeyRecords();
    const first = await account(ALICE, { records });
    await first.omemo.online(server.client(ALICE));
    const state = first.omemo.state();
    first.omemo.dispose();

    const again = await account(ALICE, { records });
    // Known before any session: the device is read from the key store.
    expect(again.omemo.state()).toEqual(state);
    await again.omemo.online(server.client(ALICE));
    expect(server.lists.get(ALICE)).toEqual([readySelf(again.omemo)]);
    expect(state).toMatchObject({ status: 'ready', fingerprint: expect.stringMatching(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/) });
  });

  it('puts our id back when another client publishes our device list without it', async () => {
    const server = createMemoryPepServer();
    const alice = await account(ALICE);
    await alice.omemo.online(server.client(ALICE));
    const ours = readySelf(alice.omemo);

    const putBack = server.nextPublish((line) => line === `list ${ALICE} 5555,${ours}`);
    // Another client of the account (a phone) replaces the list with its own id only.
    await server.client(ALICE).publishDeviceList([5555]);
    await putBack;
    expect(server.lists.get(ALICE)).toEqual([5555, ours]);
    expect(await alice.omemo.devicesOf(ALICE)).toEqual([5555, ours]);
    expect(alice.log.map((entry) => entry.reason)).toContain('our device was removed from our device list by another client; it is put back');
  });

  it('follows a contact’s device list from notifications', async () => {
    const server = createMemoryPepServer();
    server.lists.set(BOB, [1]);
    const alice = await account(ALICE);
    await alice.omemo.online(server.client(ALICE));
    expect(await alice.omemo.devicesOf(BOB)).toEqual([1]);
    await server.client(BOB).publishDeviceList([1, 2]);
    expect(await alice.omemo.devicesOf(BOB)).toEqual([1, 2]);
    // Offline, nothing is heard: the lists are asked again later, and an unknown one cannot be known now.
    alice.omemo.offline();
    await expect(failure(alice.omemo.devicesOf(BOB))).resolves.toMatchObject({ kind: 'offline' });
  });

  it('repairs a broken session once per device per interval, telling the caller each time', async () => {
    const server = createMemoryPepServer();
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const alice = await account(ALICE, { now: clock });
    const bob = await account(BOB, { now: clock });
    await alice.omemo.online(server.client(ALICE));
    await bob.omemo.online(server.client(BOB));
    const aliceId = readySelf(alice.omemo);
    const bobId = readySelf(bob.omemo);

    const first = await alice.omemo.encrypt(BOB, 'first');
    expect(first.delivered).toEqual([{ jid: BOB, deviceId: bobId, prekey: true }]);
    expect(await bob.omemo.decrypt(ALICE, first.message)).toBe('first');
    const reply = await bob.omemo.encrypt(ALICE, 'reply');
    expect(await alice.omemo.decrypt(BOB, reply.message)).toBe('reply');

    // Bob loses his session with Alice's device.
    await keyStoreOnRecords(bob.records).removeSession({ jid: ALICE, deviceId: aliceId });
    const lost = await alice.omemo.encrypt(BOB, 'lost');
    const broken = await failure(bob.omemo.decrypt(ALICE, lost.message));
    expect(broken).toMatchObject({ kind: 'no-session', repair: 'sent' });
    expect(bob.sent).toHaveLength(1);
    const transport = bob.sent[0]!;
    expect(transport.attrs).toMatchObject({ type: 'chat', to: ALICE });
    expect(transport.getChild('body')).toBeUndefined();
    const keyTransport = encryptedIn(transport);
    expect(keyTransport.payload).toBeUndefined();
    expect(keyTransport.keys).toEqual([expect.objectContaining({ rid: aliceId, prekey: true })]);

    // Until Alice reads the key transport she writes through her old session, which Bob's new one does not
    // match. Within the interval: still failing, still told, no second new session.
    const again = await alice.omemo.encrypt(BOB, 'again');
    expect(await failure(bob.omemo.decrypt(ALICE, again.message))).toMatchObject({ kind: 'bad-message', repair: 'recently-tried' });
    expect(bob.sent).toHaveLength(1);
    now += 10 * MINUTE;
    const later = await alice.omemo.encrypt(BOB, 'later');
    expect(await failure(bob.omemo.decrypt(ALICE, later.message))).toMatchObject({ kind: 'bad-message', repair: 'sent' });
    expect(bob.sent).toHaveLength(2);

    // Alice reads the latest key transport (it used one of her pre-keys: she republishes her bundle), and the session works again.
    const republished = server.nextPublish((line) => line === `bundle ${ALICE} ${aliceId}`);
    expect(await alice.omemo.decrypt(BOB, encryptedIn(bob.sent[1]!))).toBeNull();
    await republished;
    const healed = await alice.omemo.encrypt(BOB, 'healed');
    expect(await bob.omemo.decrypt(ALICE, healed.message)).toBe('healed');
  });

  it('refuses to encrypt for a contact without devices, and when no device of the contact got the key', async () => {
    const server = createMemoryPepServer();
    const alice = await account(ALICE);
    await alice.omemo.online(server.client(ALICE));
    expect(await failure(alice.omemo.encrypt(BOB, 'hello'))).toMatchObject({ kind: 'no-devices' });
    // Bob lists a device that published no bundle: no session can be opened with it.
    server.lists.set(BOB, [77]);
    alice.omemo.offline();
    await alice.omemo.online(server.client(ALICE));
    const refused = await failure(alice.omemo.encrypt(BOB, 'hello'));
    expect(refused.kind).toBe('no-device-reached');
    expect(refused.failed).toEqual([expect.objectContaining({ jid: BOB, deviceId: 77, reason: 'no-session' })]);
  });

  it("keeps a message for the next try, not refused for good, when the contact's bundles cannot be asked for now", async () => {
    const server = createMemoryPepServer();
    const bob = await account(BOB);
    await bob.omemo.online(server.client(BOB));
    const alice = await account(ALICE);
    // The session ends under the bundle request (a server restart): the request fails, not the device.
    const dying = server.client(ALICE);
    await alice.omemo.online({ ...dying, fetchBundle: () => Promise.reject(new Error('The session ended before the answer came.')) });
    expect(await failure(alice.omemo.encrypt(BOB, 'caught in the outage'))).toMatchObject({ kind: 'offline' });

    // The next session can ask: the same message goes, and Bob reads it.
    alice.omemo.offline();
    await alice.omemo.online(server.client(ALICE));
    const sent = await alice.omemo.encrypt(BOB, 'caught in the outage');
    expect(await bob.omemo.decrypt(ALICE, sent.message)).toBe('caught in the outage');
  });

  it('is off when the key file did not open: every encrypt and decrypt refused, nothing published', async () => {
    const server = createMemoryPepServer();
    const problem = { file: '/data/omemo-keys.sqlite', kind: 'unavailable' as const, message: 'Hostproof could not open your encryption keys.' };
    const omemo = await createAccountOmemo({ keys: { ok: false, problem }, ownJid: ALICE, now: () => 0, log: () => undefined, send: async () => undefined });
    expect(omemo.state()).toEqual({ status: 'off', reason: 'key-file-unavailable', message: problem.message });
    await omemo.online(server.client(ALICE));
    const message: EncryptedMessage = { sid: 9, keys: [{ rid: 1, prekey: false, data: new Uint8Array(8) }], iv: new Uint8Array(12), payload: new Uint8Array(4) };
    expect(await failure(omemo.encrypt(BOB, 'secret'))).toMatchObject({ kind: 'off', offReason: 'key-file-unavailable' });
    expect(await failure(omemo.decrypt(BOB, message))).toMatchObject({ kind: 'off', offReason: 'key-file-unavailable' });
    expect(server.published).toEqual([]);
  });

  it('goes off without a protected key store: no key written, nothing published, everything refused', async () => {
    const dir = await tempDir();
    const file = openOmemoKeyFile(join(dir, 'omemo-keys.sqlite'));
    if (!file.ok) throw new Error(file.problem.message);
    const server = createMemoryPepServer();
    const alice = await account(ALICE, { records: createSealedKeyRecords({ db: file.db, account: 'alice', cipher: createTestCipher(false) }) });

    await expect(alice.omemo.online(server.client(ALICE))).rejects.toMatchObject({ kind: 'off', offReason: 'no-secret-store' });
    expect(alice.omemo.state()).toMatchObject({ status: 'off', reason: 'no-secret-store' });
    expect(await failure(alice.omemo.encrypt(BOB, 'secret'))).toMatchObject({ kind: 'off', offReason: 'no-secret-store' });
    expect(server.published).toEqual([]);
    expect(file.db.prepare('SELECT count(*) AS n FROM sealed').get()).toEqual({ n: 0 });
    file.db.close();
  });

  it('goes off when its stored keys do not open, and makes no new keys over them', async () => {
    const dir = await tempDir();
    const file = openOmemoKeyFile(join(dir, 'omemo-keys.sqlite'));
    if (!file.ok) throw new Error(file.problem.message);
    const server = createMemoryPepServer();
    const made = await account(ALICE, { records: createSealedKeyRecords({ db: file.db, account: 'alice', cipher: createTestCipher() }) });
    await made.omemo.online(server.client(ALICE));
    made.omemo.dispose();
    const rows = () => file.db.prepare('SELECT kind, name, value FROM sealed ORDER BY kind, name').all();
    const before = rows();
    const publishedBefore = [...server.published];

    // The same file with another OS key store (a restored backup on a new computer): the data key does not open.
    const other = await account(ALICE, { records: createSealedKeyRecords({ db: file.db, account: 'alice', cipher: createTestCipher() }) });
    expect(other.omemo.state()).toMatchObject({ status: 'off', reason: 'keys-damaged', message: expect.stringContaining('nothing was replaced') });
    await other.omemo.online(server.client(ALICE));
    expect(await failure(other.omemo.encrypt(BOB, 'secret'))).toMatchObject({ kind: 'off', offReason: 'keys-damaged' });
    expect(rows()).toEqual(before);
    expect(server.published).toEqual(publishedBefore);
    file.db.close();
  });

  it('withholds the key from a new device of a contact whose other device the person verified, and encrypts to it once trusted', async () => {
    const server = createMemoryPepServer();
    const alice = await account(ALICE);
    const bob1 = await account(BOB, { newDeviceId: () => 101 });
    await bob1.omemo.online(server.client(BOB));
    await alice.omemo.online(server.client(ALICE));
    await alice.omemo.encrypt(BOB, 'first');
    const trust = alice.omemo.trust();
    if (trust === null) throw new Error('OMEMO is off');
    expect((await trust.get({ jid: BOB, deviceId: 101 }))?.trust).toBe('blind');
    await trust.decide({ jid: BOB, deviceId: 101 }, 'verified');

    // Bob adds a second device: Alice hears of it and does not trust it on sight.
    const bob2 = await account(BOB, { newDeviceId: () => 202 });
    await bob2.omemo.online(server.client(BOB));
    alice.omemo.offline();
    await alice.omemo.online(server.client(ALICE));
    const sent = await alice.omemo.encrypt(BOB, 'second');
    // It never wrote to Alice: its fingerprint comes from its published bundle, so the person can compare it.
    const bob2State = bob2.omemo.state();
    if (bob2State.status !== 'ready') throw new Error('bob2 not ready');
    expect(sent.withheld).toEqual([{ jid: BOB, deviceId: 202, trust: 'undecided', fingerprint: bob2State.fingerprint }]);
    expect(sent.message.keys.map((k) => k.rid)).toEqual([101]);

    await trust.decide({ jid: BOB, deviceId: 101 }, 'distrusted');
    const refused = await failure(alice.omemo.encrypt(BOB, 'third'));
    expect(refused.kind).toBe('no-device-reached');
    expect(refused.message).toMatch(/No device of bob@example.net is trusted: open the trust center/);

    await trust.decide({ jid: BOB, deviceId: 202 }, 'blind');
    const fourth = await alice.omemo.encrypt(BOB, 'fourth');
    expect(fourth.message.keys.map((k) => k.rid)).toEqual([202]);
  });
});
