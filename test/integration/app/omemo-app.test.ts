/**
 * OMEMO through the app's own requests (issue 15), on a real Prosody: two apps with OMEMO on publish their
 * devices at login; a message to a contact with devices is written encrypted, arrives decrypted with how it
 * travelled, and the reply too; each side's trust center then lists the other's device, trusted on first sight,
 * with the fingerprint that device shows for itself; and the text is in none of Prosody's files.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOmemoPep } from '../../../main/xmpp/features/omemo/omemo-pep.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitUntil } from '../../harness/wait-until.js';
import type { ChatClient } from './chat-client.js';
import { chatSuite } from './chat-suite.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.runIf(available)('OMEMO between two apps', () => {
  const suite = chatSuite();

  /** Our own device as the app's trust center shows it, once the account has made it. */
  async function ownDevice(client: ChatClient): Promise<{ deviceId: number; fingerprint: string }> {
    let own: { deviceId: number; fingerprint: string } | null = null;
    await waitUntil(async () => {
      const view = await client.call('listOmemoDevices', { accountId: client.accountId });
      if (view.state === 'ready') own = view.own;
      return own !== null;
    }, `${client.jid} made its OMEMO device`, 10_000);
    if (own === null) throw new Error('unreachable');
    return own;
  }

  it('a message to a contact with OMEMO devices goes encrypted, is read, answered, and the devices show in the trust center', async () => {
    const alice = await suite.open('alice@valid.test', 'desk', { app: { omemo: true } });
    const bob = await suite.open('bob@valid.test', 'laptop', { app: { omemo: true } });
    const aliceDevice = await ownDevice(alice);
    const bobDevice = await ownDevice(bob);

    // Barrier: Bob's device list (published after his bundle) is on the server before Alice writes.
    const probe = suite.track(await rawSession(suite.world, 'alice', 'probe'));
    const pep = createOmemoPep({ link: probe.link, log: () => undefined });
    await waitUntil(async () => {
      const list = await pep.fetchDeviceList('bob@valid.test');
      return list.ok && list.value.includes(bobDevice.deviceId);
    }, "Bob's device list on the server", 10_000);
    pep.dispose();

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
    const leaked: string[] = [];
    for (const file of await filesUnder(path.join(suite.world.prosody.dir, 'data'))) if ((await readFile(file)).includes(secret)) leaked.push(file);
    expect(leaked).toEqual([]);
  });
});
