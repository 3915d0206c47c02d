/**
 * OMEMO in the window (issue 15), with OMEMO switched on for both apps: alice (the window) and bob (below the UI)
 * publish their devices at login; bob's message arrives encrypted and the window shows it with a lock and the
 * conversation as "Encrypted"; alice's answer goes encrypted too; the trust center lists bob's device with its
 * fingerprint and trust, and this device with its QR code. Screenshots "omemo-conversation" and "omemo-devices",
 * both themes. A contact's new device: omemo-new-device.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { aliceAndBobWithOmemo } from './support/omemo-world.js';
import { ALICE, BOB, messageWithText, openConversation, openTrustCenter, sendFromComposer, UI_TIMEOUT } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('OMEMO in the window', () => {
  const rig = useE2eWorld();

  it('an encrypted conversation shows its locks, and the trust center lists the devices', async () => {
    const { harness, bob, bobDevice } = await aliceAndBobWithOmemo(rig);
    const { page } = harness;

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
