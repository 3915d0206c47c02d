/**
 * The OMEMO end-to-end files' common start (issue 15): alice in the window and bob below it, both with OMEMO on,
 * each device made and named in its account's device list on the server before anyone writes.
 */
import { password } from '../../harness/app-world.js';
import { waitUntil } from '../../harness/wait-until.js';
import { createOmemoPep } from '../../../main/xmpp/features/omemo/omemo-pep.js';
import { rawSession } from '../../integration/app/raw-xmpp-client.js';
import type { Peer } from './below-ui.js';
import type { E2eWorld } from './e2e-rig.js';
import { addAccountThroughForm, ALICE, BOB, UI_TIMEOUT, waitForStage } from './ui.js';

/** This device's id in `peer`'s OMEMO, once made (at its first login). */
export async function ownDeviceOf(peer: Peer): Promise<number> {
  let id: number | null = null;
  await waitUntil(async () => {
    const view = await peer.call('listOmemoDevices', { accountId: peer.accountId });
    id = view.state === 'ready' ? view.own.deviceId : null;
    return id !== null;
  }, `${peer.accountId}'s device made`, UI_TIMEOUT);
  return id!;
}

/** Barrier: each account's device list on the server names its device, before anyone writes. */
export async function deviceListsOnServer(rig: E2eWorld, expected: ReadonlyArray<readonly [string, number]>): Promise<void> {
  const probe = await rawSession(rig.world, 'alice', 'probe');
  try {
    const pep = createOmemoPep({ link: probe.link, log: () => undefined });
    await waitUntil(async () => {
      const lists = await Promise.all(expected.map(([jid]) => pep.fetchDeviceList(jid)));
      return lists.every((list, i) => list.ok && list.value.includes(expected[i]![1]));
    }, 'the device lists on the server', UI_TIMEOUT);
    pep.dispose();
  } finally {
    await probe.close();
  }
}

/** alice in the window and bob below it, both with OMEMO on and their devices on the server. */
export async function aliceAndBobWithOmemo(rig: E2eWorld) {
  const { harness, app } = await rig.open({ omemo: true });
  await addAccountThroughForm(harness.page, ALICE, password('alice'));
  await waitForStage(harness.page, 'online');
  const bob = await rig.peer(BOB, { omemo: true });
  const [account] = await app.handlers.listAccounts(undefined);
  if (!account) throw new Error('no account');
  const alice = account.settings.id;
  let aliceDevice: number | null = null;
  await waitUntil(async () => {
    const view = await app.handlers.listOmemoDevices({ accountId: alice });
    aliceDevice = view.state === 'ready' ? view.own.deviceId : null;
    return aliceDevice !== null;
  }, "alice's device made", UI_TIMEOUT);
  const bobDevice = await ownDeviceOf(bob);
  await deviceListsOnServer(rig, [
    [ALICE, aliceDevice!],
    [BOB, bobDevice],
  ]);
  return { harness, app, alice, bob, bobDevice };
}
