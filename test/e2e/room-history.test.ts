/**
 * Room history in the window (issue 13): alice talks in a room before bob is in it; when bob joins, what was
 * said comes from the room's own archive into his room view, in order and with alice's nickname, followed by
 * the live lines. The room view with its history is shot in both themes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { ALICE, BOB, signInAliceAndBob, UI_TIMEOUT } from './support/ui.js';
import { sayInRoom } from './support/rooms-ui.js';

const available = e2eWorldAvailable();

async function join(page: Page, account: string, name: string): Promise<void> {
  await page.keyboard.press('Control+j');
  const dialog = page.getByTestId('join-room-dialog');
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('From account').selectOption({ label: account });
  await dialog.getByText(`A name alone joins it on ${ROOM_SERVICE}`, { exact: false }).waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('Room', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await page.getByTestId('room-pane').waitFor({ timeout: UI_TIMEOUT });
}

describe.runIf(available)('room history in the window', () => {
  const rig = useE2eWorld();

  it("bob joins after alice talked: her lines come from the room's archive, in order, then the live ones", async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await signInAliceAndBob(page);

    await join(page, ALICE, 'history');
    const said = ['Morning all. Plans for Friday?', 'The venue is booked for 7.', 'Bring your own <b>snacks</b> & drinks.'];
    for (const body of said) await sayInRoom(page, body);

    // bob was not there: the room's archive brings what alice said when he joins.
    await join(page, BOB, 'history');
    const messages = page.getByTestId('room-message');
    await messages.filter({ hasText: said[2] }).waitFor({ timeout: UI_TIMEOUT });
    expect(await messages.allTextContents()).toEqual(said.map((body) => `alice${body}`));
    expect(await page.locator('[data-testid="room-pane"] b').count()).toBe(0);
    await sayInRoom(page, 'Count me in!');
    expect((await messages.allTextContents()).at(-1)).toBe('YouCount me in!');
    await screenshotBothThemes(harness, 'room-history');
    expect(harness.pageErrors).toEqual([]);
  });
});
