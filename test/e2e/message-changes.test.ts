/**
 * Message changes in the window (issue 14), against the real server: alice (in the window) and bob (below the
 * UI) correct, reply to and react to each other's messages; the window shows the edited message with its
 * earlier version, a reply with its quote, and reactions, in both themes (screenshots "message-edited",
 * "message-reply", "message-reactions").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, ALICE, BOB, messageWithText, openConversation, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();

async function send(page: Page, body: string): Promise<void> {
  const composer = page.getByTestId('composer');
  await composer.fill(body);
  await composer.press('Enter');
  await page.locator('[data-testid="message"]:not([data-state="queued"])').filter({ hasText: body }).waitFor({ timeout: UI_TIMEOUT });
}

describe.runIf(available)('message changes in the window', () => {
  const rig = useE2eWorld();

  it('edits, replies and reactions, both ways, as the window shows them', async () => {
    const bob = await rig.peer(BOB);
    const { harness } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');

    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'Are we still on for Friday?' });
    await openConversation(page, BOB);
    await messageWithText(page, 'Are we still on for Friday?').waitFor({ timeout: UI_TIMEOUT });

    // alice writes, then corrects it with Up in the empty composer; bob's side shows the correction too.
    await send(page, 'Yes, 7 pm at the usual place');
    const atBob = await waitForEvent(bob.app.events, 'messageReceived', (m) => m.body === 'Yes, 7 pm at the usual place', { timeoutMs: UI_TIMEOUT });
    const composer = page.getByTestId('composer');
    await composer.press('ArrowUp');
    await page.getByTestId('compose-mode').filter({ hasText: 'Editing your message' }).waitFor();
    await composer.fill('Yes, 8 pm at the usual place');
    await composer.press('Enter');
    // The first: a reply quoting it matches the text too.
    const edited = messageWithText(page, 'Yes, 8 pm at the usual place').first();
    await edited.getByTestId('edited-mark').click();
    await edited.getByTestId('earlier-versions').filter({ hasText: 'Yes, 7 pm at the usual place' }).waitFor();
    await waitForEvent(bob.app.events, 'messageChanged', (m) => m.id === atBob.id && m.body === 'Yes, 8 pm at the usual place', { timeoutMs: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'message-edited');

    // bob answers alice's message as a reply; alice answers bob's first one from the menu.
    await bob.call('sendReply', { accountId: bob.accountId, to: ALICE, body: 'Perfect, see you there', replyTo: atBob.id });
    const reply = messageWithText(page, 'Perfect, see you there');
    await reply.getByTestId('reply-quote').filter({ hasText: 'Yes, 8 pm' }).waitFor({ timeout: UI_TIMEOUT });
    const question = messageWithText(page, 'Are we still on for Friday?');
    await question.getByTestId('message-menu').click();
    await page.getByRole('menuitem', { name: 'Reply' }).click();
    await composer.fill('Friday it is');
    await composer.press('Enter');
    await messageWithText(page, 'Friday it is').getByTestId('reply-quote').waitFor({ timeout: UI_TIMEOUT });
    const replyAtBob = await waitForEvent(bob.app.events, 'messageReceived', (m) => m.body === 'Friday it is', { timeoutMs: UI_TIMEOUT });
    expect(replyAtBob.replyTo?.to).toBe(BOB);
    await screenshotBothThemes(harness, 'message-reply');

    // bob reacts to alice's message; alice reacts to bob's reply from the picker.
    await bob.call('changeMessage', { accountId: bob.accountId, peer: ALICE, id: atBob.id, change: { kind: 'react', emojis: ['👍', '❤️'] } });
    await edited.getByTestId('reaction').first().waitFor({ timeout: UI_TIMEOUT });
    await reply.getByTestId('message-menu').click();
    await page.getByRole('menuitem', { name: 'React…' }).click();
    await page.getByTestId('reaction-picker').getByRole('menuitem', { name: '😂' }).click();
    await reply.getByTestId('reaction').filter({ hasText: '😂 1' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await edited.getByTestId('reaction').allTextContents()).toEqual(['👍 1', '❤️ 1']);
    await page.mouse.move(0, 0);
    await screenshotBothThemes(harness, 'message-reactions');
    expect(harness.pageErrors).toEqual([]);
  });
});
