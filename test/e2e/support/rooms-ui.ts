/**
 * The steps the room e2e tests share: a line said in the open room, and a room's row opened for one account.
 */
import type { Page } from 'playwright-core';
import { UI_TIMEOUT } from './ui.js';

/** Says `body` in the open room and waits until the room has it (our line marked delivered). */
export async function sayInRoom(page: Page, body: string): Promise<void> {
  const composer = page.getByTestId('room-composer');
  await composer.fill(body);
  await composer.press('Enter');
  await page.locator('[data-testid="room-message"][data-state="delivered"]').filter({ hasText: body }).waitFor({ timeout: UI_TIMEOUT });
}

/** Opens the room's row of this account (one window may hold the same room for two accounts). */
export async function openRoomRow(page: Page, room: string, accountId: string): Promise<void> {
  await page.locator(`[data-testid="room-row"][data-room="${room}"][data-account-id="${accountId}"]`).click();
  await page.getByTestId('room-pane').waitFor({ timeout: UI_TIMEOUT });
}
