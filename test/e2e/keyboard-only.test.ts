/**
 * Scenario 6 of the desktop UI: everything with the keyboard alone (trust-ux.md: "Keyboard reachable"), in the
 * dark theme ("readable in light and dark themes"). A fresh app has no pins, so alice@noposh.test meets the
 * delegated-host question: add the account, answer the dialog by pinning, add a contact, open the chat and send
 * a message, which bob (logged in below the UI) receives. No mouse: only page.keyboard, never a click.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { contrast, luminance } from './support/colors.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { showsFocusRing, tabTo } from './support/keyboard.js';
import { contactRow, conversationRow, decisionDialog, isFocused, messageWithText, pageBadge, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('keyboard only, dark theme', () => {
  const rig = useE2eWorld();

  it('adds an account, pins the key in the dialog, opens a chat and sends a message without a mouse', async () => {
    const bob = await rig.peer('bob@noposh.test', { trust: 'pin' });
    const { harness } = await rig.open({ colorScheme: 'dark' });
    const { page } = harness;
    const { keyboard } = page;

    // First run: the welcome form.
    const form = page.getByTestId('account-form');
    await tabTo(page, form.getByLabel('Chat address'));
    expect(await showsFocusRing(page)).toBe(true);
    await keyboard.type('alice@noposh.test');
    await tabTo(page, form.getByLabel('Password', { exact: true }));
    await keyboard.type(password('alice'));
    await keyboard.press('Enter');

    // The question: amber, Cancel focused, and readable in the dark theme.
    const dialog = decisionDialog(page);
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    expect(await dialog.locator('[data-reason]').getAttribute('data-reason')).toBe('delegated-host');
    expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
    const colours = await dialog.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    });
    expect(luminance(colours.background)).toBeLessThan(0.05);
    // WCAG AA for body text.
    expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(4.5);
    await harness.screenshot('trust-dialog-delegated-host-dark');

    // Tab stays inside the dialog (focus trap) and reaches the risk disclosure, then the pin action behind it.
    const risk = dialog.getByRole('button', { name: 'I understand the risk' });
    await tabTo(page, risk, 20);
    await keyboard.press('Enter');
    const pin = dialog.getByRole('button', { name: 'Pin this key for noposh.test' });
    await tabTo(page, pin, 20);
    expect(await showsFocusRing(page)).toBe(true);
    await keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitForStage(page, 'online');
    expect((await pageBadge(page).locator('.badge__label').textContent())?.startsWith('Pinned by you')).toBe(true);

    // Start a chat (Ctrl+N) → Add contact → bob's address → Enter.
    await keyboard.press('Control+n');
    const contacts = page.getByTestId('contacts-view');
    await tabTo(page, contacts.locator('.toolbar').getByRole('button', { name: 'Add contact' }));
    await keyboard.press('Enter');
    await tabTo(page, contacts.getByTestId('add-contact-form').getByLabel("Contact's address"));
    await keyboard.type('bob@noposh.test');
    await keyboard.press('Enter');
    const bobRow = contactRow(page, 'bob@noposh.test');
    await bobRow.waitFor({ timeout: UI_TIMEOUT });

    // Chat with bob: the composer sends on Enter.
    await tabTo(page, bobRow.getByRole('button', { name: 'Chat' }));
    await keyboard.press('Enter');
    await tabTo(page, page.getByTestId('composer'));
    await keyboard.type('Typed without a mouse.');
    await keyboard.press('Enter');
    await messageWithText(page, 'Typed without a mouse.').waitFor({ timeout: UI_TIMEOUT });
    const arrived = await waitForEvent(bob.app.events, 'messageReceived', (m) => m.body === 'Typed without a mouse.', { timeoutMs: UI_TIMEOUT });
    expect(arrived).toMatchObject({ peer: 'alice@noposh.test', direction: 'in' });
    // The conversation list shows what was just written as the latest message.
    await conversationRow(page, 'bob@noposh.test').filter({ hasText: 'Typed without a mouse.' }).waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="message"][data-state="sent"]').filter({ hasText: 'Typed without a mouse.' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('conversation-header').getByRole('heading', { name: 'bob' }).count()).toBe(1);
    await harness.screenshot('keyboard-chat-dark');

    // The trust history, by keyboard and in the dark theme: why the question came, what was decided, the steps.
    // The header's identity badge opens the account's security story.
    await tabTo(page, page.getByTestId('conversation-header').getByTestId('identity-badge'));
    await keyboard.press('Enter');
    // Login lines (how each login was protected) sit between them; this checks the trust lines.
    const rows = page.getByTestId('trust-history').getByTestId('trust-log-row').filter({ hasNotText: 'Logged in:' });
    await rows.nth(1).waitFor({ timeout: UI_TIMEOUT });
    expect(await rows.first().textContent()).toContain('You pinned the key');
    const steps = rows.nth(1).locator('summary');
    await tabTo(page, steps);
    await keyboard.press('Enter');
    await rows.nth(1).getByTestId('trust-log-steps').waitFor();
    await harness.screenshot('trust-history-dark');
    expect(harness.pageErrors).toEqual([]);
  });
});
