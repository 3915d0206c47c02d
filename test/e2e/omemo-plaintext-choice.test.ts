/**
 * The per-conversation encryption choice in the window (issue 15): in an encrypted conversation alice turns
 * "Encrypt messages" off with the keyboard; main confirms in its own dialog (the rig answers as the person would),
 * the header then says "Not encrypted (your choice)" though the newest message was encrypted, and her next
 * message goes with an open lock and arrives at bob unencrypted. Screenshot "omemo-plaintext-choice", both themes.
 */
import { describe, expect, it } from 'vitest';
import { waitForEvent } from '../harness/wait-for-event.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { aliceAndBobWithOmemo } from './support/omemo-world.js';
import { ALICE, BOB, messageWithText, openConversation, sendFromComposer, UI_TIMEOUT } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('the encryption choice in the window', () => {
  const rig = useE2eWorld();

  it('turning encryption off is confirmed by main, said plainly in the header, and the next message goes unencrypted', async () => {
    const { harness, app, bob } = await aliceAndBobWithOmemo(rig);
    const { page } = harness;

    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'Encrypted, as usual.' });
    await openConversation(page, BOB);
    await messageWithText(page, 'Encrypted, as usual.').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="conversation-encryption"][data-state="encrypted"]').waitFor({ timeout: UI_TIMEOUT });

    const toggle = page.getByRole('switch', { name: /Encrypt messages/ });
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="conversation-encryption"][data-state="chosen-plain"]').waitFor({ timeout: UI_TIMEOUT });
    expect(app.confirmations.map((c) => c.kind)).toEqual(['send-unencrypted']);
    expect(await page.getByTestId('conversation-encryption').textContent()).toBe('Not encrypted (your choice)');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');

    await sendFromComposer(page, 'This one goes unencrypted, by my choice.');
    const arrived = await waitForEvent(bob.app.events, 'messageReceived', (m) => m.body === 'This one goes unencrypted, by my choice.', { timeoutMs: UI_TIMEOUT });
    expect(arrived.encryption).toBeUndefined();
    const mine = messageWithText(page, 'This one goes unencrypted, by my choice.');
    await mine.locator('[data-testid="message-lock"][data-state="plain"]').waitFor({ timeout: UI_TIMEOUT });
    // Shot once sent, not while it still says "Sending…".
    await page.locator('[data-testid="message"][data-state="sent"]').filter({ hasText: 'This one goes unencrypted, by my choice.' }).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'omemo-plaintext-choice');
    expect(harness.pageErrors).toEqual([]);
  });
});
