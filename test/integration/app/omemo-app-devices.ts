/**
 * What the OMEMO app tests (issue 15) wait for and search: an app's own device once made, a contact's device
 * list on the server before anyone writes to them, and every file a server keeps.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createOmemoPep } from '../../../main/xmpp/features/omemo/omemo-pep.js';
import { waitUntil } from '../../harness/wait-until.js';
import type { ChatClient } from './chat-client.js';
import type { ChatSuite } from './chat-suite.js';
import { rawSession } from './raw-xmpp-client.js';

/** Our own device as the app's trust center shows it, once the account has made it. */
export async function ownDevice(client: ChatClient): Promise<{ deviceId: number; fingerprint: string }> {
  let own: { deviceId: number; fingerprint: string } | null = null;
  await waitUntil(async () => {
    const view = await client.call('listOmemoDevices', { accountId: client.accountId });
    if (view.state === 'ready') own = view.own;
    return own !== null;
  }, `${client.jid} made its OMEMO device`, 10_000);
  if (own === null) throw new Error('unreachable');
  return own;
}

/**
 * Barrier: `jid`'s device list (published after its bundle) lists `deviceId` on the server, as `asUser` (a
 * local part of valid.test) reads it from a session of its own, before anyone writes to `jid`.
 */
export async function deviceListed(suite: ChatSuite, asUser: 'alice' | 'bob', jid: string, deviceId: number): Promise<void> {
  const probe = suite.track(await rawSession(suite.world, asUser, 'probe'));
  const pep = createOmemoPep({ link: probe.link, log: () => undefined });
  try {
    await waitUntil(async () => {
      const list = await pep.fetchDeviceList(jid);
      return list.ok && list.value.includes(deviceId);
    }, `${jid}'s device list on the server`, 10_000);
  } finally {
    pep.dispose();
  }
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Every file of Prosody's data (its archive and offline store included) that holds `text`. */
export async function serverFilesWith(suite: ChatSuite, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(path.join(suite.world.prosody.dir, 'data'))) if ((await readFile(file)).includes(text)) found.push(file);
  return found;
}
