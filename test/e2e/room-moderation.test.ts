/**
 * Occupant actions in the window (issue 13): alice@valid.test and bob@valid.test, both in one window, in one
 * room. Bob writes to alice privately from the people panel; alice sees it arrive, opens the private thread,
 * then removes bob from the room behind the confirmation. The occupant actions, the private thread and the
 * confirmation are shot in both themes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { ALICE, BOB, signInAliceAndBob, UI_TIMEOUT } from './support/ui.js';
import { openRoomRow } from './support/rooms-ui.js';

const available = e2eWorldAvailable();
const ROOM = `crew@${ROOM_SERVICE}`;

async function join(page: Page, account: string): Promise<void> {
  await page.keyboard.press('Control+j');
  const dialog = page.getByTestId('join-room-dialog');
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('From account').selectOption({ label: account });
  await dialog.getByText(`A name alone joins it on ${ROOM_SERVICE}`, { exact: false }).waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('Room', { exact: true }).fill('crew');
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

describe.runIf(available)('occupant actions in the window', () => {
  const rig = useE2eWorld();

  it('bob writes to alice privately; alice reads it, then removes bob behind a confirmation', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await signInAliceAndBob(page);
    await join(page, ALICE);
    await join(page, BOB);
    await page.getByTestId('room-count').filter({ hasText: '2 people' }).waitFor({ timeout: UI_TIMEOUT });
    const rows = page.getByTestId('room-row');
    const aliceId = await rows.filter({ hasText: ALICE }).getAttribute('data-account-id');
    if (!aliceId) throw new Error('alice has no room row');

    // Bob (a participant) may only write to alice privately: no remove, no ban.
    await page.getByTestId('toggle-occupants').click();
    await page.getByRole('button', { name: 'Actions for alice' }).click();
    const bobsMenu = page.getByRole('group', { name: 'Actions for alice' });
    expect(await bobsMenu.getByRole('button').allTextContents()).toEqual(['Private message']);
    await bobsMenu.getByRole('button', { name: 'Private message' }).click();
    const composer = page.getByTestId('private-composer');
    await composer.fill('Alice, can we talk later?');
    await composer.press('Enter');
    await page.getByTestId('private-message').filter({ hasText: 'Alice, can we talk later?' }).waitFor({ timeout: UI_TIMEOUT });

    // Alice's room: the private message is announced; as the owner she may remove and ban bob.
    await openRoomRow(page, ROOM, aliceId);
    await page.getByTestId('private-notice').filter({ hasText: 'bob sent you a private message.' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('toggle-occupants').click();
    await page.getByRole('button', { name: 'Actions for bob' }).click();
    const menu = page.getByRole('group', { name: 'Actions for bob' });
    expect(await menu.getByRole('button').allTextContents()).toEqual(['Private message', 'Remove from room…', 'Ban…']);
    await screenshotBothThemes(harness, 'room-occupant-actions');

    await page.getByTestId('private-notice').getByRole('button', { name: 'Open' }).click();
    const thread = page.getByTestId('private-thread');
    await thread.getByTestId('private-message').filter({ hasText: 'Alice, can we talk later?' }).waitFor({ timeout: UI_TIMEOUT });
    await thread.getByTestId('private-composer').fill('Sure, after lunch.');
    await thread.getByTestId('private-composer').press('Enter');
    await thread.getByTestId('private-message').filter({ hasText: 'Sure, after lunch.' }).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'room-private-thread');
    await thread.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Actions for bob' }).click();
    await page.getByRole('group', { name: 'Actions for bob' }).getByRole('button', { name: 'Remove from room…' }).click();
    const dialog = page.getByTestId('occupant-action-dialog');
    await dialog.getByLabel('Reason (optional, everyone in the room sees it)').fill('Back after lunch');
    await screenshotBothThemes(harness, 'room-kick-confirm');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByTestId('room-event').filter({ hasText: 'bob was removed from the room by a moderator. Reason: "Back after lunch"' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('room-count').filter({ hasText: '1 person' }).waitFor({ timeout: UI_TIMEOUT });
    expect(harness.pageErrors).toEqual([]);
  });
});
