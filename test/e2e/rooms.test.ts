/**
 * Rooms in the window (issue 13): alice@valid.test and bob@valid.test, both in one window, join one room on
 * valid.test's own room service through "Join a room", talk in it, and alice opens the people panel. The
 * room view, the people panel and the join dialog are shot in both themes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { ALICE, BOB, signInAliceAndBob, UI_TIMEOUT } from './support/ui.js';
import { openRoomRow, sayInRoom } from './support/rooms-ui.js';

const available = e2eWorldAvailable();
const ROOM = `team@${ROOM_SERVICE}`;

const roomMessage = (page: Page, text: string) => page.getByTestId('room-message').filter({ hasText: text });

async function openJoinDialog(page: Page, account: string) {
  await page.keyboard.press('Control+j');
  const dialog = page.getByTestId('join-room-dialog');
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('From account').selectOption({ label: account });
  // The room service of the account's server, found for the dialog: a name alone is enough.
  await dialog.getByText(`A name alone joins it on ${ROOM_SERVICE}`, { exact: false }).waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('Room', { exact: true }).fill('team');
  return dialog;
}

describe.runIf(available)('rooms in the window', () => {
  const rig = useE2eWorld();

  it('alice and bob join a room from the dialog, talk in it, and alice sees who is there', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await signInAliceAndBob(page);

    // alice joins (the room is created): her nickname is her address's local part.
    const aliceDialog = await openJoinDialog(page, ALICE);
    expect(await aliceDialog.getByLabel('Your nickname in the room').inputValue()).toBe('alice');
    await screenshotBothThemes(harness, 'room-join-dialog');
    await aliceDialog.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByTestId('room-pane').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('join-room-dialog').count()).toBe(0);

    // bob joins the same room from his account, and says hello.
    const bobDialog = await openJoinDialog(page, BOB);
    expect(await bobDialog.getByLabel('Your nickname in the room').inputValue()).toBe('bob');
    await bobDialog.getByRole('button', { name: 'Join', exact: true }).click();
    // The dialog closes as bob's room opens (one update): before that, "2 people" can be alice's room seeing bob come.
    await bobDialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await page.getByTestId('room-count').filter({ hasText: '2 people' }).waitFor({ timeout: UI_TIMEOUT });
    await sayInRoom(page, 'Hello room, Bob here. Alice, are you in?');
    const rows = page.getByTestId('room-row');
    expect(await rows.count()).toBe(2);
    const aliceId = await rows.filter({ hasText: ALICE }).getAttribute('data-account-id');
    if (!aliceId) throw new Error('alice has no room row');

    // alice sees bob's message (unread in the list first), her line about bob joining, and answers.
    await page.locator(`[data-testid="room-row"][data-account-id="${aliceId}"] [data-testid="unread-count"]`).waitFor({ timeout: UI_TIMEOUT });
    // bob named her: her room's row says so with "@" beside the count (rooms and chats are one list).
    await page.locator(`[data-testid="room-row"][data-account-id="${aliceId}"] [data-testid="room-mention"]`).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'room-mention-row');
    await openRoomRow(page, ROOM, aliceId);
    await roomMessage(page, 'Hello room, Bob here.').waitFor({ timeout: UI_TIMEOUT });
    expect(await roomMessage(page, 'Hello room, Bob here.').getAttribute('data-mention')).toBe('true');
    // Her notification setting for the room: mentions by default, every message once chosen.
    const notify = page.getByTestId('room-notify');
    await notify.selectOption('all');
    expect(await notify.inputValue()).toBe('all');
    expect(await roomMessage(page, 'Hello room, Bob here.').getByTestId('room-nick').textContent()).toBe('bob');
    await page.getByTestId('room-event').filter({ hasText: 'bob' }).first().waitFor({ timeout: UI_TIMEOUT });
    await sayInRoom(page, 'Welcome, Bob! Alice here.');
    expect(await roomMessage(page, 'Welcome, Bob! Alice here.').getByTestId('room-nick').textContent()).toBe('You');
    await screenshotBothThemes(harness, 'room-busy');

    // The people panel: alice made the room, so she moderates it; bob takes part.
    await page.getByTestId('toggle-occupants').click();
    const panel = page.getByTestId('occupant-panel');
    await panel.getByRole('region', { name: 'Moderators' }).filter({ hasText: 'alice' }).waitFor({ timeout: UI_TIMEOUT });
    await panel.getByRole('region', { name: 'Participants' }).filter({ hasText: 'bob' }).waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'room-occupants');

    // bob's side: alice's answer came in.
    const bobId = await rows.filter({ hasText: BOB }).getAttribute('data-account-id');
    if (!bobId) throw new Error('bob has no room row');
    await openRoomRow(page, ROOM, bobId);
    await roomMessage(page, 'Welcome, Bob! Alice here.').waitFor({ timeout: UI_TIMEOUT });
    expect(harness.pageErrors).toEqual([]);
  });
});
