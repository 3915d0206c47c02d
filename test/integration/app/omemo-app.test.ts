/**
 * OMEMO through the app's own requests (issue 15), on a real Prosody: two apps with OMEMO on publish their
 * devices at login; a message to a contact with devices is written encrypted, arrives decrypted with how it
 * travelled, and the reply too; each side's trust center then lists the other's device, trusted on first sight,
 * with the fingerprint that device shows for itself; and the text is in none of Prosody's files. A correction of an
 * encrypted message goes encrypted too (XEP-0308 as the OMEMO clients send it) and arrives as a correction.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOnlineSession } from '../../../main/xmpp/session/open-session.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { recordWrites } from '../../harness/written-to-socket.js';
import { chatSuite } from './chat-suite.js';
import { deviceListed, filesUnder, ownDevice } from './omemo-app-devices.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('OMEMO between two apps', () => {
  const suite = chatSuite();

  /** Every file of Prosody's data (its archive and offline store included) that holds `text`. */
  async function serverFilesWith(text: string): Promise<string[]> {
    const found: string[] = [];
    for (const file of await filesUnder(path.join(suite.world.prosody.dir, 'data'))) if ((await readFile(file)).includes(text)) found.push(file);
    return found;
  }

  it('a message to a contact with OMEMO devices goes encrypted, is read, answered, and the devices show in the trust center', async () => {
    const alice = await suite.open('alice@valid.test', 'desk', { app: { omemo: true } });
    const bob = await suite.open('bob@valid.test', 'laptop', { app: { omemo: true } });
    const aliceDevice = await ownDevice(alice);
    const bobDevice = await ownDevice(bob);

    // Barrier: Bob's device list (published after his bundle) is on the server before Alice writes.
    await deviceListed(suite, 'alice', 'bob@valid.test', bobDevice.deviceId);

    const secret = `omemo-app-${Date.now()}-only-for-bob`;
    const mark = bob.mark();
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: secret });
    expect(sent.encryption).toEqual({ kind: 'omemo', device: null });
    const received = await bob.next('messageReceived', (m) => m.peer === alice.jid && m.direction === 'in', { after: mark });
    expect(received.body).toBe(secret);
    expect(received.encryption).toEqual({ kind: 'omemo', device: aliceDevice.deviceId });

    const back = alice.mark();
    await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'read you, encrypted' });
    const reply = await alice.next('messageReceived', (m) => m.peer === bob.jid && m.direction === 'in', { after: back });
    expect(reply).toMatchObject({ body: 'read you, encrypted', encryption: { kind: 'omemo', device: bobDevice.deviceId } });

    const seenByBob = await bob.call('listOmemoDevices', { accountId: bob.accountId });
    if (seenByBob.state !== 'ready') throw new Error(seenByBob.message);
    expect(seenByBob.devices).toEqual([expect.objectContaining({ jid: alice.jid, deviceId: aliceDevice.deviceId, fingerprint: aliceDevice.fingerprint, trust: 'blind' })]);

    // The server saw ciphertext only: the text is in none of its files (its archive and offline store included).
    expect(await serverFilesWith(secret)).toEqual([]);
  });

  it('a correction of an encrypted message goes encrypted and is shown by the contact as the correction', async () => {
    const written: string[] = [];
    const alice = await suite.open('alice@valid.test', 'desk', {
      app: {
        omemo: true,
        // Every byte Alice's app writes into its TLS connections, as the server receives it.
        openSession: async (args) => {
          recordWrites(args.connection.socket, written);
          return openOnlineSession(args);
        },
      },
    });
    const bob = await suite.open('bob@valid.test', 'laptop', { app: { omemo: true } });
    const aliceDevice = await ownDevice(alice);
    await deviceListed(suite, 'alice', bob.jid, (await ownDevice(bob)).deviceId);

    const original = `omemo-original-${Date.now()}-only-for-bob`;
    const corrected = `omemo-corrected-${Date.now()}-only-for-bob`;
    const mark = bob.mark();
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: original });
    const received = await bob.next('messageReceived', (m) => m.body === original, { after: mark });
    await alice.next('messageUpdated', (u) => u.id === sent.id && u.state !== 'queued');

    const mine = await alice.call('changeMessage', { accountId: alice.accountId, peer: bob.jid, id: sent.id, change: { kind: 'correct', body: corrected } });
    expect(mine).toMatchObject({ id: sent.id, body: corrected, encryption: { kind: 'omemo' }, changes: { earlier: [{ body: original }] } });
    const theirs = await bob.next('messageChanged', (m) => m.id === received.id, { after: mark });
    expect(theirs).toMatchObject({ body: corrected, encryption: { kind: 'omemo', device: aliceDevice.deviceId }, changes: { earlier: [{ body: original }] } });
    // A correction, not a new message (the one stanza became the change above).
    expect(bob.all('messageReceived', mark).map((m) => m.body)).toEqual([original]);

    // Alice wrote encrypted traffic and the correction's <replace> (the controls), and neither text, in the clear.
    const wire = written.join('');
    expect(wire).toContain('eu.siacs.conversations.axolotl');
    expect(wire).toContain(`<replace xmlns="urn:xmpp:message-correct:0" id="${sent.stanzaId}"/>`);
    expect(wire.includes(corrected), 'Alice wrote the corrected text').toBe(false);
    expect(wire.includes(original), 'Alice wrote the original text').toBe(false);
    expect(await serverFilesWith(corrected)).toEqual([]);
  });
});
