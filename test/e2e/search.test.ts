/**
 * Issue 12 item 4 in the window: bob writes alice enough lines that the one she looks for is not in the latest
 * page; Ctrl+Shift+F finds it, Enter opens the conversation at it (highlighted, in view), scrolling down pages
 * newer messages until the latest, and a message bob writes then shows as usual. Screenshots of the results and
 * the jump in both themes.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, conversationRow, messageWithText, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';
/** Lines before and after the one searched for: more after it than the window's first page (50) holds. */
const BEFORE = 10;
const AFTER = 70;
const TARGET = 'Shall we meet at the lighthouse at seven?';
const line = (n: number) => `Line ${String(n).padStart(2, '0')} about the weather`;

describe.runIf(available)('searching the history and jumping to a result', () => {
  const rig = useE2eWorld();

  it('finds a message outside the latest page with Ctrl+Shift+F, opens the chat at it highlighted, and pages down to the latest', async () => {
    const bob = await rig.peer(BOB);
    const { harness } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    await page.keyboard.press('Escape');

    const say = (body: string) => bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body });
    for (let n = 1; n <= BEFORE; n += 1) await say(line(n));
    await say(TARGET);
    for (let n = BEFORE + 1; n <= BEFORE + AFTER; n += 1) await say(line(n));
    const total = BEFORE + 1 + AFTER;
    await conversationRow(page, BOB).getByTestId('unread-count').filter({ hasText: String(total) }).waitFor({ timeout: UI_TIMEOUT });

    await page.keyboard.press('Control+Shift+F');
    const panel = page.getByTestId('search-panel');
    await panel.getByRole('combobox', { name: 'Words to find' }).fill('lighthouse sev');
    const result = panel.getByTestId('search-result');
    await result.first().waitFor({ timeout: UI_TIMEOUT });
    expect(await result.count()).toBe(1);
    expect(await result.locator('mark').allTextContents()).toEqual(['lighthouse', 'seven']);
    await screenshotBothThemes(harness, 'search-results');

    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    const target = messageWithText(page, TARGET);
    await target.waitFor({ timeout: UI_TIMEOUT });
    const row = page.locator('.message-list__row--found');
    await row.waitFor();
    expect(await row.textContent()).toContain(TARGET);
    // In view, inside the list's box.
    const list = page.getByTestId('message-list');
    const [box, listBox] = [await target.boundingBox(), await list.boundingBox()];
    if (!box || !listBox) throw new Error('the message or the list is not laid out');
    expect(box.y).toBeGreaterThanOrEqual(listBox.y);
    expect(box.y + box.height).toBeLessThanOrEqual(listBox.y + listBox.height);
    // The latest line is not loaded: the list stops short of it until scrolled down.
    expect(await messageWithText(page, line(BEFORE + AFTER)).count()).toBe(0);
    await screenshotBothThemes(harness, 'search-jumped');

    // Scroll down until the latest line is there: each time at the bottom, the next newer page is asked for.
    const deadline = Date.now() + UI_TIMEOUT;
    while ((await messageWithText(page, line(BEFORE + AFTER)).count()) === 0) {
      if (Date.now() > deadline) throw new Error('The latest line never appeared after scrolling down.');
      await list.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      await page.waitForFunction(() => document.querySelector('[data-testid="message-list"]')?.getAttribute('aria-busy') === 'false');
    }
    // At the latest, a new message follows as usual, at the end.
    await say('Are you still there?');
    await messageWithText(page, 'Are you still there?').waitFor({ timeout: UI_TIMEOUT });
    const bodies = await page.getByTestId('conversation-pane').getByTestId('message-body').allTextContents();
    expect(bodies.at(-1)).toBe('Are you still there?');
    expect(bodies.at(-2)).toBe(line(BEFORE + AFTER));
    expect(harness.pageErrors).toEqual([]);
  });
});
