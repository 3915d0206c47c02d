/**
 * OMEMO between two accounts with several devices each, through a real Prosody: every device has its own key
 * file and its own session, messages go as real `<message type='chat'>` stanzas to the contact's bare address
 * (the server hands them to each of the contact's clients, and carbons copy them to the sender's other clients),
 * and each device reads what was encrypted for it. A device that comes online later is learnt from the server's
 * device-list notification and reads the next message; a lost session is repaired with a key transport. The
 * plaintext is never written into any client's connection, nor into any file of the server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../../../main/encoding/base64.js';
import { keyStoreOnRecords } from '../../../../main/omemo/records-key-store.js';
import type { DeviceId } from '../../../../main/omemo/omemo-types.js';
import { AccountOmemoError } from '../../../../main/services/omemo/account-omemo-error.js';
import { omemoMessageStanza } from '../../../../main/services/omemo/omemo-stanza.js';
import { startProsody, type Prosody } from '../../../harness/prosody.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { createTestCa, createTestCertificate } from '../../../harness/test-pki.js';
import { SESSION_DOMAIN } from '../session/verified-connection.js';
import { befriend, openOmemoClient, type OmemoTestClient } from './omemo-clients.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (OMEMO messages between devices)');

const ALICE = `alice@${SESSION_DOMAIN}`;
const BOB = `bob@${SESSION_DOMAIN}`;
/** In every plaintext, and looked for on every wire and in every server file. */
const MARKER = `plaintext-marker-${randomBytes(12).toString('hex')}`;
const body = (n: number) => `${MARKER} message ${n}`;

function deviceIdOf(client: OmemoTestClient): DeviceId {
  const state = client.omemo.state();
  if (state.status !== 'ready') throw new Error(`${client.name} is not ready: ${state.status}`);
  return state.deviceId;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe.runIf(hasProsody)('OMEMO messages between two accounts with several devices, through a real server', () => {
  let prosody: Prosody | null = null;
  let caPem = '';
  let keyDir = '';
  const clients: OmemoTestClient[] = [];
  const payloads: string[] = [];
  let a1: OmemoTestClient, a2: OmemoTestClient, b1: OmemoTestClient, b2: OmemoTestClient;

  async function open(user: 'alice' | 'bob', resource: string): Promise<OmemoTestClient> {
    if (prosody === null) throw new Error('Prosody starts in beforeAll');
    const client = await openOmemoClient({ port: prosody.starttlsPort, caPem, user, password: `${user}-secret`, resource, keyDir });
    clients.push(client);
    return client;
  }

  /** Encrypts with `from`'s OMEMO and sends the stanza through the server to `to`'s bare address. */
  async function send(from: OmemoTestClient, to: string, text: string) {
    const encrypted = await from.omemo.encrypt(to, text);
    const id = randomUUID();
    await from.session.link.send(omemoMessageStanza(to, encrypted.message, id));
    if (encrypted.message.payload !== undefined) payloads.push(encodeBase64(encrypted.message.payload));
    return { id, encrypted };
  }

  async function read(client: OmemoTestClient, id: string): Promise<string | null> {
    const received = await client.inbox.next((m) => m.id === id, `${id} at ${client.name}`);
    return client.omemo.decrypt(received.from, received.encrypted);
  }

  beforeAll(async () => {
    const ca = await createTestCa();
    const leaf = await createTestCertificate({ commonName: SESSION_DOMAIN, dnsNames: [SESSION_DOMAIN], issuer: ca });
    prosody = await startProsody({
      hosts: [{ domain: SESSION_DOMAIN, certPem: leaf.certPem, keyPem: leaf.keyPem }],
      users: ['alice', 'bob'].map((user) => ({ user, host: SESSION_DOMAIN, password: `${user}-secret` })),
      modules: ['pep'],
    });
    caPem = ca.certPem;
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-omemo-keys-'));
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) await client.close();
    await prosody?.stop();
    if (keyDir !== '') await rm(keyDir, { recursive: true, force: true });
  });

  it('two devices per account come online one after the other: each account lists both', async () => {
    a1 = await open('alice', 'a1');
    b1 = await open('bob', 'b1');
    await befriend(a1, b1);
    // One after the other, as a second installation joins: each keeps the ids it found.
    await a1.omemo.online(a1.pep);
    a2 = await open('alice', 'a2');
    await a2.omemo.online(a2.pep);
    await b1.omemo.online(b1.pep);
    b2 = await open('bob', 'b2');
    await b2.omemo.online(b2.pep);

    const aliceIds = [deviceIdOf(a1), deviceIdOf(a2)];
    const bobIds = [deviceIdOf(b1), deviceIdOf(b2)];
    expect(new Set([...aliceIds, ...bobIds]).size).toBe(4);
    expect(await b1.pep.fetchDeviceList(ALICE)).toEqual({ ok: true, value: aliceIds, ignored: [] });
    expect(await a1.pep.fetchDeviceList(BOB)).toEqual({ ok: true, value: bobIds, ignored: [] });
    // Each device's bundle is on the server for others to open sessions with.
    for (const client of [a1, a2, b1, b2]) expect((await b2.pep.fetchBundle(client.bareJid, deviceIdOf(client)))?.ok).toBe(true);
  });

  it("a message from A1 to Bob's address is read by both of Bob's devices and, by carbon, by A2", async () => {
    const { id, encrypted } = await send(a1, BOB, body(1));
    expect(encrypted.failed).toEqual([]);
    expect(encrypted.delivered.map((d) => `${d.jid}/${d.deviceId}`).sort()).toEqual([`${ALICE}/${deviceIdOf(a2)}`, `${BOB}/${deviceIdOf(b1)}`, `${BOB}/${deviceIdOf(b2)}`].sort());

    expect(await read(b1, id)).toBe(body(1));
    expect(await read(b2, id)).toBe(body(1));
    // B1 used one of its pre-keys for A1's new session: its bundle was topped up with a fresh id and published again.
    const b1Bundle = await a2.pep.fetchBundle(BOB, deviceIdOf(b1));
    expect(b1Bundle?.ok && b1Bundle.value.preKeys.length).toBe(100);
    expect(b1Bundle?.ok && b1Bundle.value.preKeys.some((key) => key.id === 101)).toBe(true);
    const copy = await a2.inbox.next((m) => m.id === id, 'the carbon at A2');
    expect(copy.via).toBe('sent-carbon');
    expect(await a2.omemo.decrypt(copy.from, copy.encrypted)).toBe(body(1));
  });

  it("B1's reply is read by A1 and A2, and by carbon by B2", async () => {
    const { id } = await send(b1, ALICE, body(2));
    expect(await read(a1, id)).toBe(body(2));
    expect(await read(a2, id)).toBe(body(2));
    expect(await read(b2, id)).toBe(body(2));
  });

  it('a third device of Bob is learnt from the server’s notification and reads the next message', async () => {
    const b3 = await open('bob', 'b3');
    const heard = new Promise<readonly DeviceId[]>((resolve) => {
      const stop = a1.pep.on('deviceList', ({ jid, devices }) => {
        if (jid !== BOB || devices.length !== 3) return;
        stop();
        resolve(devices);
      });
    });
    await b3.omemo.online(b3.pep);
    expect(await heard).toEqual([deviceIdOf(b1), deviceIdOf(b2), deviceIdOf(b3)]);
    expect(await a1.omemo.devicesOf(BOB)).toEqual([deviceIdOf(b1), deviceIdOf(b2), deviceIdOf(b3)]);

    const { id, encrypted } = await send(a1, BOB, body(3));
    expect(encrypted.delivered).toContainEqual({ jid: BOB, deviceId: deviceIdOf(b3), prekey: true });
    expect(await read(b3, id)).toBe(body(3));
    expect(await read(b1, id)).toBe(body(3));
  });

  it('a session B1 lost is refused with a typed error, repaired with a key transport, and the next message reads again', async () => {
    await keyStoreOnRecords(b1.records).removeSession({ jid: ALICE, deviceId: deviceIdOf(a1) });
    const lost = await send(a1, BOB, body(4));
    const received = await b1.inbox.next((m) => m.id === lost.id, 'the message through the lost session');
    const refusal = await b1.omemo.decrypt(received.from, received.encrypted).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AccountOmemoError);
    expect(refusal).toMatchObject({ kind: 'no-session', repair: 'sent' });
    // Bob's other device was not affected.
    expect(await read(b2, lost.id)).toBe(body(4));

    // The key transport reaches Alice's address: A1 opens the new session from it; A2 finds nothing for itself.
    const transport = await a1.inbox.next((m) => m.from === BOB && m.encrypted.payload === undefined && m.encrypted.sid === deviceIdOf(b1), 'the key transport at A1');
    expect(await a1.omemo.decrypt(transport.from, transport.encrypted)).toBeNull();
    const atA2 = await a2.inbox.next((m) => m.from === BOB && m.encrypted.payload === undefined, 'the key transport at A2');
    expect(await a2.omemo.decrypt(atA2.from, atA2.encrypted)).toBeNull();

    const healed = await send(a1, BOB, body(5));
    expect(await read(b1, healed.id)).toBe(body(5));
  });

  it("the plaintext never crossed any client's connection and is in no file of the server", async () => {
    expect(payloads.length).toBeGreaterThanOrEqual(5);
    for (const client of clients) {
      const wire = client.written.join('');
      // The recording is real: the client's OMEMO traffic (its bundle at least) is in it.
      expect(wire.includes('xmlns="eu.siacs.conversations.axolotl"'), `${client.name}'s recording holds no OMEMO traffic`).toBe(true);
      expect(wire.includes(MARKER), `${client.name} wrote the plaintext`).toBe(false);
    }
    const a1Wire = a1.written.join('');
    expect(a1Wire.includes('<encrypted xmlns="eu.siacs.conversations.axolotl">') && a1Wire.includes(payloads[0]!), "A1's first message is in its recording").toBe(true);

    if (prosody === null) throw new Error('no Prosody');
    const files = await filesUnder(path.join(prosody.dir, 'data'));
    const contents = await Promise.all(files.map(async (file) => ({ file, text: (await readFile(file)).toString('latin1') })));
    // The server did store the encrypted messages (its archive), so the search below looked where they are.
    expect(contents.some(({ text }) => payloads.some((payload) => text.includes(payload)))).toBe(true);
    expect(contents.filter(({ text }) => text.includes(MARKER)).map(({ file }) => file)).toEqual([]);
  });
});
