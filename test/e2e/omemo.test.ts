/**
 * OMEMO in the window (issue 15), with OMEMO switched on for both apps: alice (the window) and bob (below the UI)
 * publish their devices at login; bob's message arrives encrypted and the window shows it with a lock and the
 * conversation as "Encrypted"; alice's answer goes encrypted too; the trust center lists bob's device with its
 * fingerprint and trust, and this device with its QR code. Screenshots "omemo-conversation" and "omemo-devices",
 * both themes.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { waitUntil } from '../harness/wait-until.js';
import { createOmemoPep } from '../../main/xmpp/features/omemo/omemo-pep.js';
import { rawSession } from '../integration/app/raw-xmpp-client.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, ALICE, BOB, messageWithText, openConversation, openTrustCenter, sendFromComposer, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('OMEMO in the window', () => {
  const rig = useE2eWorld();

  it('an encrypted conversation shows its locks, and the trust center lists the devices', async () => {
    const { harness, app } = await rig.open({ omemo: true });
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    const bob = await rig.peer(BOB, { omemo: true });
    const [alice] = await app.handlers.listAccounts(undefined);
    if (!alice) throw new Error('no account');
    const ownIds = async (): Promise<number[]> => {
      const [a, b] = await Promise.all([app.handlers.listOmemoDevices({ accountId: alice.settings.id }), bob.call('listOmemoDevices', { accountId: bob.accountId })]);
      return a.state === 'ready' && b.state === 'ready' ? [a.own.deviceId, b.own.deviceId] : [];
    };
    await waitUntil(async () => (await ownIds()).length === 2, 'both devices made', UI_TIMEOUT);
    const [aliceDevice, bobDevice] = await ownIds();

    // Barrier: both device lists (published after the bundles) are on the server before anyone writes.
    const probe = await rawSession(rig.world, 'alice', 'probe');
    try {
      const pep = createOmemoPep({ link: probe.link, log: () => undefined });
      await waitUntil(async () => {
        const [a, b] = await Promise.all([pep.fetchDeviceList(ALICE), pep.fetchDeviceList(BOB)]);
        return a.ok && b.ok && a.value.includes(aliceDevice!) && b.value.includes(bobDevice!);
      }, 'both device lists on the server', UI_TIMEOUT);
      pep.dispose();
    } finally {
      await probe.close();
    }

    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'This one is only for your devices.' });
    await openConversation(page, BOB);
    const received = messageWithText(page, 'This one is only for your devices.');
    await received.waitFor({ timeout: UI_TIMEOUT });
    await sendFromComposer(page, 'Read you. Mine is encrypted too.');
    await page.locator('[data-testid="conversation-encryption"][data-state="encrypted"]').waitFor({ timeout: UI_TIMEOUT });
    // Both messages went encrypted: the marks are closed locks only.
    await page.locator('[data-testid="message-lock"][data-state="encrypted"]').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid="message-lock"][data-state="plain"]').count()).toBe(0);
    await screenshotBothThemes(harness, 'omemo-conversation');

    const center = await openTrustCenter(page);
    const section = center.getByTestId('omemo-devices');
    await section.getByTestId('omemo-own').waitFor({ timeout: UI_TIMEOUT });
    const device = section.getByTestId('omemo-device');
    await device.first().waitFor({ timeout: UI_TIMEOUT });
    expect(await device.count()).toBe(1);
    expect(await device.first().getAttribute('data-trust')).toBe('blind');
    expect(await device.first().textContent()).toContain(`Device ${bobDevice}`);
    await section.scrollIntoViewIfNeeded();
    await screenshotBothThemes(harness, 'omemo-devices');
    expect(harness.pageErrors).toEqual([]);
  });
});
