/**
 * Steps a person takes in the window, written once with Playwright locators (roles, labels and test ids) so the
 * scenarios read as what the user does. Every wait is for a UI state, never for a fixed time.
 */
import { password as worldPassword } from '../../harness/app-world.js';
import type { Locator, Page } from 'playwright-core';
import type { ConnectionState } from '../../../app/domain/account.js';

/** Long enough for a connection through DNS, TLS, POSH over HTTPS and SASL on a busy two-core machine. */
export const UI_TIMEOUT = 20_000;

export const accountPage = (page: Page): Locator => page.getByTestId('account-page');
export const pageBadge = (page: Page): Locator => accountPage(page).locator('.account-page__header').getByTestId('identity-badge');
export const decisionDialog = (page: Page): Locator => page.getByTestId('trust-decision-dialog');

/** Opens the decision dialog's "I understand the risk" disclosure, behind which the overrides sit. */
export async function takeTheRisk(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'I understand the risk' }).click();
  await dialog.getByTestId('risk-actions').waitFor();
}
export const accountItem = (page: Page, jid: string): Locator => page.getByTestId('account-item').filter({ hasText: jid });

/** Opens a section of the settings area from the sidebar's Settings button. */
export async function openSettings(page: Page, section: 'Add account' | 'Trust center' | 'Preferences' | 'About'): Promise<void> {
  await page.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: section, exact: true }).click();
}

/**
 * Adds an account as a user would: the welcome form on first run, else Settings → Add account; `shownAs` is the
 * address the account page then shows (canonical form).
 */
export async function addAccountThroughForm(page: Page, jid: string, password: string, shownAs = jid): Promise<void> {
  if ((await page.getByTestId('welcome').count()) === 0) await openSettings(page, 'Add account');
  const form = page.getByTestId('account-form');
  await form.getByLabel('Chat address').fill(jid);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Add account' }).click();
  await accountPage(page).getByRole('heading', { name: shownAs, exact: true }).waitFor({ timeout: UI_TIMEOUT });
}

/** Waits until the open account's connection shows this stage. */
export async function waitForStage(page: Page, stage: ConnectionState['stage'], timeout = UI_TIMEOUT): Promise<void> {
  await accountPage(page).locator(`[data-testid="connection-status"][data-stage="${stage}"]`).waitFor({ timeout });
}

/** Waits until a locator shows exactly this text (after trimming). */
export async function waitForText(locator: Locator, text: string, timeout = UI_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : null;
    if (seen === text) return;
    await locator.page().waitForTimeout(50);
  }
  throw new Error(`Expected the text "${text}", last saw ${seen === null ? 'nothing' : `"${seen}"`}`);
}

export async function selectAccount(page: Page, jid: string): Promise<void> {
  await accountItem(page, jid).locator('.account-list__select').click();
  await accountPage(page).getByRole('heading', { name: jid, exact: true }).waitFor();
}

/** "Start a chat" from the sidebar: from the account whose settings page is open, or the open chat's. */
export async function openStartChat(page: Page): Promise<Locator> {
  await page.getByRole('complementary', { name: 'Chats and accounts' }).getByRole('button', { name: 'Start a chat', exact: true }).click();
  const view = page.getByTestId('start-chat');
  await view.waitFor();
  return view;
}

/** The open account's security story (on its settings page). */
export async function openSecurity(page: Page): Promise<Locator> {
  const panel = accountPage(page).getByTestId('security-panel');
  await panel.waitFor();
  return panel;
}

/** A conversation in the sidebar, by the contact's address, and when several accounts are listed, the account's. */
export function conversationRow(page: Page, peer: string, account?: string): Locator {
  const row = page.locator(`[data-testid="conversation"][data-peer="${peer}"]`);
  return account ? row.filter({ has: page.getByTestId('conversation-account').filter({ hasText: account }) }) : row;
}

export async function openConversation(page: Page, peer: string, account?: string): Promise<void> {
  await conversationRow(page, peer, account).click();
  await page.getByTestId('conversation-pane').waitFor();
}

export async function openTrustCenter(page: Page): Promise<Locator> {
  await openSettings(page, 'Trust center');
  const center = page.getByTestId('trust-center');
  await center.waitFor();
  return center;
}

export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The exact (ungrouped) fingerprint a <Fingerprint> shows. */
export async function fingerprintValue(locator: Locator): Promise<string | null> {
  return locator.locator('.fingerprint__value').first().getAttribute('data-value');
}

/** "Start a chat" (from the account whose page is open): add a contact by address. */
export async function addContactThroughForm(page: Page, jid: string): Promise<void> {
  await openStartChat(page);
  const view = page.getByTestId('contacts-view');
  await view.locator('.toolbar').getByRole('button', { name: 'Add contact' }).click();
  const form = view.getByTestId('add-contact-form');
  await form.getByLabel("Contact's address").fill(jid);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await form.waitFor({ state: 'detached' });
  await contactRow(page, jid).waitFor({ timeout: UI_TIMEOUT });
}

export const contactRow = (page: Page, jid: string): Locator => page.locator(`[data-testid="contact"][data-jid="${jid}"]`);

/** "Start a chat" (from the account whose page is open): approve the pending request from `jid`. */
export async function approveSubscription(page: Page, jid: string): Promise<void> {
  await openStartChat(page);
  const request = page.getByTestId('subscription-request').filter({ hasText: jid });
  await request.waitFor({ timeout: UI_TIMEOUT });
  await request.getByRole('button', { name: 'Approve' }).click();
  await request.waitFor({ state: 'detached' });
}

export const messages = (page: Page): Locator => page.getByTestId('conversation-pane').getByTestId('message');
export const messageWithText = (page: Page, text: string): Locator => messages(page).filter({ hasText: text });

export const ALICE = 'alice@valid.test';
export const BOB = 'bob@valid.test';

/** alice and bob of valid.test in one window: added through the account form, each online before the next. */
export async function signInAliceAndBob(page: Page): Promise<void> {
  await addAccountThroughForm(page, ALICE, worldPassword('alice'));
  await waitForStage(page, 'online');
  await addAccountThroughForm(page, BOB, worldPassword('bob'));
  await waitForStage(page, 'online');
}

/** Writes `body` in the open conversation's composer, sends it with Enter, and waits until it shows. */
export async function sendFromComposer(page: Page, body: string): Promise<void> {
  const composer = page.getByTestId('composer');
  await composer.fill(body);
  await composer.press('Enter');
  await messageWithText(page, body).waitFor({ timeout: UI_TIMEOUT });
}
