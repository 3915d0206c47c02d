/**
 * Creating and finding rooms in the window (issue 13): alice@valid.test creates a public room through
 * "Create a room" (the address made from its name), remembers it from the room header, and then finds it in
 * "Join a room" by typing part of its name. The create dialog, the room header with the room remembered and
 * the join dialog with search results are shot in both themes.
 */
import { describe, expect, it } from 'vitest';
import { password, ROOM_SERVICE } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();
const ALICE = 'alice@valid.test';

describe.runIf(available)('creating and finding rooms in the window', () => {
  const rig = useE2eWorld();

  it('alice creates a public room from the dialog, remembers it, and finds it by name in room search', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');

    await page.keyboard.press('Control+j');
    const joinDialog = page.getByTestId('join-room-dialog');
    await joinDialog.waitFor({ timeout: UI_TIMEOUT });
    await joinDialog.getByText(`A name alone joins it on ${ROOM_SERVICE}`, { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await joinDialog.getByRole('button', { name: 'Create a room…' }).click();

    const createDialog = page.getByTestId('create-room-dialog');
    await createDialog.waitFor({ timeout: UI_TIMEOUT });
    await createDialog.getByLabel('Room name').fill('Book club');
    expect(await createDialog.getByLabel('Room address').inputValue()).toBe(`book-club@${ROOM_SERVICE}`);
    await createDialog.getByLabel('Description (optional)').fill('What we are reading this month');
    await createDialog.getByLabel('Moderated').check();
    await screenshotBothThemes(harness, 'room-create-dialog');
    await createDialog.getByRole('button', { name: 'Create', exact: true }).click();

    // Every setting was offered by Prosody: the room opens at once.
    await page.getByTestId('room-pane').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('create-room-dialog').count()).toBe(0);
    // The room's own name (from the room, after the join) in its header and its row, not its address's local part.
    await page.getByTestId('room-header').getByRole('heading', { name: 'Book club' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('room-row').filter({ hasText: 'Book club' }).waitFor({ timeout: UI_TIMEOUT });
    const toggle = page.getByTestId('bookmark-toggle');
    await toggle.filter({ hasText: 'Remember' }).and(page.locator(':not([disabled])')).waitFor({ timeout: UI_TIMEOUT });
    await toggle.click();
    await page.locator('[data-testid="bookmark-toggle"][aria-pressed="true"]:not([disabled])').waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'room-remembered');

    // Room search in "Join a room": the new public room is listed with its name, and typing filters.
    await page.keyboard.press('Control+j');
    await joinDialog.waitFor({ timeout: UI_TIMEOUT });
    const results = joinDialog.getByTestId('room-search-results');
    await results.getByRole('button', { name: /Book club/u }).waitFor({ timeout: UI_TIMEOUT });
    await joinDialog.getByLabel('Find a room').fill('book');
    await results.getByRole('button', { name: /Book club/u }).click();
    expect(await joinDialog.getByLabel('Room', { exact: true }).inputValue()).toBe(`book-club@${ROOM_SERVICE}`);
    await screenshotBothThemes(harness, 'room-join-search');
    expect(harness.pageErrors).toEqual([]);
  });
});
