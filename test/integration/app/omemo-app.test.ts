/**
 * OMEMO through the app's own requests (issue 15), on a real Prosody: two apps with OMEMO on publish their
 * devices at login; a message to a contact with devices is written encrypted, arrives decrypted with how it
 * travelled, and the reply too; each side's trust center then lists the other's device, trusted on first sight,
 * with the fingerprint that device shows for itself; and the text is in none of Prosody's files. A correction of an
 * encrypted message goes encrypted too (XEP-0308 as the OMEMO clients send it) and arrives as a correction. A reply
 * to an encrypted message carries its quote only inside the encryption; reactions and a retraction of one apply on
 * both sides as the OMEMO clients send them (in the clear: they carry no text).
 */
import { describe, expect, it } from 'vitest';
import { openOnlineSession } from '../../../main/xmpp/session/open-session.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { recordWrites } from '../../harness/written-to-socket.js';
import { waitUntil } from '../../harness/wait-until.js';
import { RETRACTION_FALLBACK } from '../../../main/xmpp/features/message-changes/change-stanzas.js';
import { chatSuite } from './chat-suite.js';
import { deviceListed, ownDevice, serverFilesWith as serverFilesWithIn } from './omemo-app-devices.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('OMEMO between two apps', () => {
  const suite = chatSuite();

  const serverFilesWith = (text: string) => serverFilesWithIn(suite, text);

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

  it('a reply, reactions and a retraction of encrypted messages apply on both sides, and no text is in the clear', async () => {
    const alice = await suite.open('alice@valid.test', 'desk', { app: { omemo: true } });
    const bob = await suite.open('bob@valid.test', 'laptop', { app: { omemo: true } });
    const [aliceDevice, bobDevice] = [await ownDevice(alice), await ownDevice(bob)];
    // Barrier: each one's new device is listed before the other writes to it.
    await deviceListed(suite, 'alice', bob.jid, bobDevice.deviceId);
    await deviceListed(suite, 'bob', alice.jid, aliceDevice.deviceId);

    const original = `omemo-pier-${Date.now()}-only-for-bob`;
    const atBob = bob.mark();
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: original });
    expect(sent.encryption?.kind).toBe('omemo');
    const received = await bob.next('messageReceived', (m) => m.body === original, { after: atBob });

    // Bob's reply quotes Alice's text for clients without replies: inside the encryption only.
    const atAlice = alice.mark();
    const reply = await bob.call('sendReply', { accountId: bob.accountId, to: alice.jid, body: 'on my way', replyTo: received.id });
    expect(reply.encryption?.kind).toBe('omemo');
    const arrived = await alice.next('messageReceived', (m) => m.body === 'on my way', { after: atAlice });
    expect(arrived).toMatchObject({ encryption: { kind: 'omemo', device: bobDevice.deviceId }, replyTo: { id: sent.stanzaId, to: alice.jid, fallback: null } });

    // Bob reacts to Alice's encrypted message; Alice sees it under her message.
    await bob.call('changeMessage', { accountId: bob.accountId, peer: alice.jid, id: received.id, change: { kind: 'react', emojis: ['👍'] } });
    const reacted = await alice.next('messageChanged', (m) => m.id === sent.id, { after: atAlice });
    expect(reacted.changes?.reactions).toEqual([{ sender: bob.jid, emojis: ['👍'] }]);

    // Alice takes her message back; Bob's copy is removed, its text gone.
    const atBobAgain = bob.mark();
    await alice.call('changeMessage', { accountId: alice.accountId, peer: bob.jid, id: sent.id, change: { kind: 'retract' } });
    const retracted = await bob.next('messageChanged', (m) => m.id === received.id && m.changes?.retracted === true, { after: atBobAgain });
    expect(retracted.body).toBe('');

    // The server never held Alice's text: not in her message, nor in Bob's reply's quote. (The search finds what is
    // in the clear: the retraction's fixed fallback body, stored in the archive.)
    await waitUntil(async () => (await serverFilesWith(RETRACTION_FALLBACK.slice(0, 40))).length > 0, 'the retraction in the server archive');
    expect(await serverFilesWith(original)).toEqual([]);
  });
});
