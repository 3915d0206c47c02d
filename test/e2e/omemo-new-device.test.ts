/**
 * A verified contact's new device in the window (issue 15), OMEMO on for every app: alice verified bob's device,
 * bob signs in on a second one and writes from it. Its message is marked as from a device alice has not decided
 * on, and alice's next message leaves it out: the conversation says so (screenshot "omemo-new-device", both
 * themes). Alice decides in the trust center, main confirms (the rig answers as the person would), and the notice
 * and the mark go without a new message. A world of its own, so the archive holds only this conversation.
 */
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../harness/wait-until.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { aliceAndBobWithOmemo, deviceListsOnServer, ownDeviceOf } from './support/omemo-world.js';
import { ALICE, BOB, messageWithText, openConversation, openTrustCenter, sendFromComposer, UI_TIMEOUT } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)("a contact's new OMEMO device in the window", () => {
  const rig = useE2eWorld();

  it("a verified contact's new device is marked and announced, and both go the moment alice decides", async () => {
    const { harness, app, alice, bob, bobDevice } = await aliceAndBobWithOmemo(rig);
    const { page } = harness;
    // A conversation longer than the window, so the notice appearing above it has something to push down.
    for (let i = 1; i <= 8; i += 1) await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: `Plans for day ${i}: the usual.` });
    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'From my laptop.' });
    await openConversation(page, BOB);
    await messageWithText(page, 'From my laptop.').waitFor({ timeout: UI_TIMEOUT });

    // Alice verifies bob's device in the trust center; main's own dialog confirms (the rig answers yes).
    let center = await openTrustCenter(page);
    const bobsDevice = (id: number) => center.getByTestId('omemo-device').filter({ hasText: `Device ${id}` });
    await bobsDevice(bobDevice).getByRole('button', { name: 'Mark as verified…' }).click();
    await center.locator(`[data-testid="omemo-device"][data-trust="verified"]`).filter({ hasText: `Device ${bobDevice}` }).waitFor({ timeout: UI_TIMEOUT });

    // Bob signs in on a second device and writes from it: alice reads it, and now knows that device.
    const phone = await rig.peer(BOB, { omemo: true });
    const phoneDevice = await ownDeviceOf(phone);
    await deviceListsOnServer(rig, [[BOB, phoneDevice]]);
    await phone.call('sendMessage', { accountId: phone.accountId, to: ALICE, body: 'Hello from my new phone.' });
    await waitUntil(async () => {
      const view = await app.handlers.listOmemoDevices({ accountId: alice });
      return view.state === 'ready' && view.devices.some((d) => d.deviceId === phoneDevice && d.trust === 'undecided');
    }, "alice has seen bob's new device", UI_TIMEOUT);

    await openConversation(page, BOB);
    const fromPhone = messageWithText(page, 'Hello from my new phone.');
    await fromPhone.waitFor({ timeout: UI_TIMEOUT });
    const phoneLock = fromPhone.getByTestId('message-lock');
    await fromPhone.locator('[data-testid="message-lock"][data-state="undecided-device"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await phoneLock.textContent()).toBe('Encrypted by a device you have not decided on');

    // Alice answers: her message leaves the phone out until she decides, and the conversation says so.
    await sendFromComposer(page, 'Is that really you?');
    const notice = page.getByTestId('undecided-devices-notice');
    await notice.waitFor({ timeout: UI_TIMEOUT });
    expect(await notice.getByRole('paragraph').textContent()).toBe(
      `${BOB} has a new device (${phoneDevice}) that your messages are not encrypted to yet. Check its fingerprint with them before you trust it.`,
    );
    // The notice pushed the list down; the message just sent stays in view above the composer.
    await waitUntil(async () => {
      const [sent, list] = await Promise.all([messageWithText(page, 'Is that really you?').boundingBox(), page.getByTestId('message-list').boundingBox()]);
      return sent !== null && list !== null && sent.y + sent.height <= list.y + list.height + 1;
    }, 'the message just sent in view below the notice', UI_TIMEOUT);
    await screenshotBothThemes(harness, 'omemo-new-device');
    const messageCount = await page.getByTestId('conversation-pane').getByTestId('message').count();

    // Alice decides in the trust center, confirmed by main; back in the conversation the notice is gone, with no new message.
    await notice.getByRole('button', { name: 'Review in the trust center' }).click();
    center = page.getByTestId('trust-center');
    await center.waitFor();
    await bobsDevice(phoneDevice).getByRole('button', { name: 'Trust without verifying…' }).click();
    await center.locator(`[data-testid="omemo-device"][data-trust="blind"]`).filter({ hasText: `Device ${phoneDevice}` }).waitFor({ timeout: UI_TIMEOUT });
    expect(app.confirmations.filter((c) => c.kind === 'trust-device').map((c) => c.kind === 'trust-device' && [c.deviceId, c.trust])).toEqual([
      [bobDevice, 'verified'],
      [phoneDevice, 'blind'],
    ]);
    await openConversation(page, BOB);
    // The notice goes by main's word after the decision (it is kept for the window, not the pane).
    await notice.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await fromPhone.locator('[data-testid="message-lock"][data-state="encrypted"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await phoneLock.textContent()).toBe('');
    expect(await page.getByTestId('conversation-pane').getByTestId('message').count()).toBe(messageCount);
    expect(harness.pageErrors).toEqual([]);
  });
});
