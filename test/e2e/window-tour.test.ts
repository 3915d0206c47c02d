/**
 * The chat-first window from the first start to a day's use, with a screenshot of every screen in both themes:
 * welcome, the empty chat list, Start a chat, the conversation list with unread messages, a conversation, the
 * quick switcher (Ctrl+K), and the settings (account, trust center, preferences, about). It also proves the
 * navigation: Escape goes back to the chat the user came from, Ctrl+K opens a chat by name, and the theme chosen
 * in Preferences wins over the system's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { luminance } from './support/colors.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, conversationRow, messageWithText, openConversation, openSettings, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';
const OTHER_BOB = 'bob@posh.test';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const headerName = (page: Page) => page.getByTestId('conversation-header').getByRole('heading');

describe.runIf(available)('the chat-first window, screen by screen', () => {
  const rig = useE2eWorld();

  it('from the welcome screen to chats, Start a chat, the quick switcher and settings, in both themes', async () => {
    const bob = await rig.peer(BOB);
    const otherBob = await rig.peer(OTHER_BOB);
    const { harness } = await rig.open();
    const { page } = harness;

    // First start: the welcome screen, with nothing in the list yet.
    await page.getByTestId('welcome').waitFor();
    await screenshotBothThemes(harness, 'window-welcome');
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    await screenshotBothThemes(harness, 'settings-account');

    // Escape leaves the settings; with no chats the list leads to Start a chat.
    await page.keyboard.press('Escape');
    await page.getByTestId('chat-empty').waitFor();
    await page.getByTestId('no-chats').waitFor();
    await screenshotBothThemes(harness, 'chat-empty');

    // Start a chat (Ctrl+N): add bob with a name; bob accepts, so his presence shows.
    await page.keyboard.press('Control+n');
    const start = page.getByTestId('start-chat');
    await start.locator('.toolbar').getByRole('button', { name: 'Add contact' }).click();
    const form = start.getByTestId('add-contact-form');
    await form.getByLabel("Contact's address").fill(BOB);
    await form.getByLabel('Name (optional)').fill('Bob Builder');
    await form.getByRole('button', { name: 'Add contact' }).click();
    const asked = await waitForEvent(bob.app.events, 'subscriptionRequested', (r) => r.from === ALICE, { timeoutMs: UI_TIMEOUT });
    await bob.call('answerSubscription', { accountId: bob.accountId, jid: asked.from, approve: true });
    await start.locator(`[data-testid="contact"][data-jid="${BOB}"]`).getByTestId('contact-presence').filter({ hasText: /^Online/ }).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'start-chat');
    await page.keyboard.press('Escape');
    await start.waitFor({ state: 'detached' });

    // Three lines from bob within a minute and one from another bob: two conversations, unread, newest first.
    for (const line of ['Are you around today?', 'The build is green again.', 'Lunch at noon?']) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: line });
    }
    await conversationRow(page, BOB).getByTestId('unread-count').filter({ hasText: '3' }).waitFor({ timeout: UI_TIMEOUT });
    await otherBob.call('sendMessage', { accountId: otherBob.accountId, to: ALICE, body: 'Hi from the other Bob.' });
    await conversationRow(page, OTHER_BOB).waitFor({ timeout: UI_TIMEOUT });
    const peers = await page.getByTestId('conversation').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-peer')));
    expect(peers).toEqual([OTHER_BOB, BOB]);
    // Names, not addresses: the roster name, else the part before "@".
    expect(await conversationRow(page, BOB).locator('.conversation__name').textContent()).toBe('Bob Builder');
    expect(await conversationRow(page, OTHER_BOB).locator('.conversation__name').textContent()).toBe('bob');
    await screenshotBothThemes(harness, 'chat-list-unread');

    // The conversation: bob's three lines are one group (one name, one time), the header says who and how verified.
    await openConversation(page, BOB);
    expect(await headerName(page).textContent()).toBe('Bob Builder');
    await page.getByTestId('conversation-header').getByTestId('peer-presence').filter({ hasText: 'Online' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('conversation-header').getByTestId('identity-badge').textContent()).toContain('Verified');
    await messageWithText(page, 'Lunch at noon?').waitFor();
    expect(await page.getByTestId('conversation-pane').locator('.message__sender').allTextContents()).toEqual(['Bob Builder']);
    expect(await conversationRow(page, BOB).getByTestId('unread-count').count()).toBe(0);
    const composer = page.getByTestId('composer');
    await composer.fill('Noon works. See you there!');
    await composer.press('Enter');
    await page.locator('[data-testid="message"][data-state="delivered"]').filter({ hasText: 'Noon works.' }).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'chat-conversation-grouped');

    // Ctrl+K: the other bob by his domain; Enter opens him.
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox');
    await search.fill('posh');
    await screenshotBothThemes(harness, 'quick-switcher');
    await search.press('Enter');
    await search.waitFor({ state: 'detached' });
    await messageWithText(page, 'Hi from the other Bob.').waitFor();
    expect(await headerName(page).textContent()).toBe('bob');
    // Straight to writing: the composer has the focus.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'composer');

    // Settings (Ctrl+,): preferences, trust center, about; a chosen dark theme wins over the light system theme.
    await page.keyboard.press('Control+,');
    const preferences = page.getByTestId('preferences');
    await preferences.waitFor();
    await screenshotBothThemes(harness, 'settings-preferences');
    expect(luminance(await background(page))).toBeGreaterThan(0.5);
    await preferences.getByLabel('Dark').check();
    expect(luminance(await background(page))).toBeLessThan(0.05);
    await harness.screenshot('settings-preferences-dark-chosen');
    await preferences.getByLabel('Same as the system').check();
    expect(luminance(await background(page))).toBeGreaterThan(0.5);
    await openSettings(page, 'Trust center');
    await page.getByTestId('trust-center').waitFor();
    await screenshotBothThemes(harness, 'settings-trust-center');
    await openSettings(page, 'About');
    await page.getByTestId('app-version').waitFor();
    await screenshotBothThemes(harness, 'settings-about');

    // Escape goes back to the chat the user came from.
    await page.keyboard.press('Escape');
    await page.getByTestId('settings').waitFor({ state: 'detached' });
    expect(await headerName(page).textContent()).toBe('bob');
    expect(harness.pageErrors).toEqual([]);
  });
});
