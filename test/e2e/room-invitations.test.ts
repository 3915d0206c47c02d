/**
 * Room invitations in the window (issue 13): alice@valid.test and bob@valid.test in one window. alice makes a
 * room and invites bob from its header ("Invite…"); bob's invitation waits as a card above the rooms until he
 * chooses "Join…", which opens "Join a room" filled in; once he is in, the card is gone. The invite dialog
 * and the invitation card are shot in both themes.
 */
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { ALICE, BOB, signInAliceAndBob, UI_TIMEOUT } from './support/ui.js';

const available = e2eWorldAvailable();
const ROOM = `plans@${ROOM_SERVICE}`;

describe.runIf(available)('room invitations in the window', () => {
  const rig = useE2eWorld();

  it('alice invites bob from the room; bob sees the request and joins with one more click', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await signInAliceAndBob(page);

    // alice makes the room.
    await page.keyboard.press('Control+j');
    const join = page.getByTestId('join-room-dialog');
    await join.waitFor({ timeout: UI_TIMEOUT });
    await join.getByLabel('From account').selectOption({ label: ALICE });
    await join.getByText(`A name alone joins it on ${ROOM_SERVICE}`, { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await join.getByLabel('Room', { exact: true }).fill('plans');
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByTestId('room-pane').waitFor({ timeout: UI_TIMEOUT });

    // "Invite…" in the room's header: bob's address and a few words.
    await page.getByTestId('open-invite').click();
    const invite = page.getByTestId('invite-dialog');
    await invite.waitFor({ timeout: UI_TIMEOUT });
    await invite.getByLabel('Their address').fill(BOB);
    await invite.getByLabel('Message (optional)').fill('Plans for Friday');
    await screenshotBothThemes(harness, 'room-invite-dialog');
    await invite.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByTestId('invite-sent').waitFor({ timeout: UI_TIMEOUT });

    // bob's request: alice owns the room, so it came through the room, which names her by her nickname.
    const card = page.getByTestId('room-invitation').filter({ hasText: ROOM });
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await card.locator('.invitation-card__text').textContent()).toBe(`alice invited you to ${ROOM} — Plans for Friday`);
    await card.getByText(BOB).waitFor({ timeout: UI_TIMEOUT });
    // Only alice is in the room: being invited joined nobody.
    expect(await page.getByTestId('room-row').count()).toBe(1);
    await screenshotBothThemes(harness, 'room-invitation');

    // "Join…" fills in "Join a room" from bob's account; joining is his click.
    await card.getByRole('button', { name: 'Join…' }).click();
    const accept = page.getByTestId('join-room-dialog');
    await accept.waitFor({ timeout: UI_TIMEOUT });
    expect(await accept.getByLabel('Room', { exact: true }).inputValue()).toBe(ROOM);
    expect(await accept.getByLabel('Your nickname in the room').inputValue()).toBe('bob');
    await accept.getByRole('button', { name: 'Join', exact: true }).click();
    await accept.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await page.getByTestId('room-count').filter({ hasText: '2 people' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('room-invitations').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await page.getByTestId('room-row').count()).toBe(2);
    expect(harness.pageErrors).toEqual([]);
  });
});
