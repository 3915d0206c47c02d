/**
 * Blocking (XEP-0191) in the real window, with screenshots in both themes: blocking a contact from the
 * conversation header (the confirmation names who), the blocked conversation (no composer, Unblock offered),
 * and Settings, Blocked with an address and a whole domain.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, conversationRow, messageWithText, openConversation, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

describe.runIf(available)('blocking in the window', () => {
  const rig = useE2eWorld();

  it('blocks a contact from the conversation, shows the blocked conversation and the list in settings, in both themes', async () => {
    const bob = await rig.peer(BOB);
    const { harness } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    await page.keyboard.press('Escape');
    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'Buy cheap watches now!' });
    await conversationRow(page, BOB).waitFor({ timeout: UI_TIMEOUT });
    await openConversation(page, BOB);
    await messageWithText(page, 'Buy cheap watches now!').waitFor();

    // Block…: the confirmation names who.
    await page.getByTestId('conversation-header').getByTestId('block-contact').click({ timeout: UI_TIMEOUT });
    const dialog = page.getByTestId('block-confirm');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe(`Block bob (${BOB})?`);
    await screenshotBothThemes(harness, 'block-confirm');
    await dialog.getByRole('button', { name: 'Block', exact: true }).click();

    // The conversation says so, without a composer.
    const notice = page.getByTestId('blocked-notice');
    await notice.waitFor({ timeout: UI_TIMEOUT });
    expect(await notice.textContent()).toContain('You have blocked bob.');
    expect(await page.getByTestId('composer').count()).toBe(0);
    await screenshotBothThemes(harness, 'blocked-conversation');

    // Settings, Blocked: block a whole domain too; both are listed with Unblock.
    await page.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Blocked', exact: true }).click();
    const settings = page.getByTestId('blocked-settings');
    await settings.getByLabel('Block an address or domain').fill('spam.example');
    await settings.getByRole('button', { name: 'Block…' }).click();
    const domainDialog = page.getByTestId('block-confirm');
    expect(await domainDialog.getByRole('heading').textContent()).toBe('Block everyone at spam.example?');
    await domainDialog.getByRole('button', { name: 'Block', exact: true }).click();
    await settings.getByRole('button', { name: 'Unblock spam.example' }).waitFor({ timeout: UI_TIMEOUT });
    const listed = await settings.getByTestId('blocked-list').locator('li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.address));
    expect(listed).toEqual([BOB, 'spam.example']);
    await screenshotBothThemes(harness, 'blocked-list');

    // Unblock from the list: Bob can be written to again.
    await settings.getByRole('button', { name: `Unblock ${BOB}` }).click();
    await settings.getByRole('button', { name: `Unblock ${BOB}` }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await page.keyboard.press('Escape');
    await openConversation(page, BOB);
    await page.getByTestId('composer').waitFor({ timeout: UI_TIMEOUT });
    expect(harness.pageErrors).toEqual([]);
  });
});
