/**
 * Read markers in the window (issue 14, XEP-0333): alice and bob, both in one window, become contacts; alice
 * writes, bob opens the conversation (the window is focused, so it tells main, which sends one displayed
 * marker), and alice's conversation shows "Read" under her message. Screenshot "read-markers", both themes.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { screenshotBothThemes } from './support/both-themes.js';
import {
  addContactThroughForm,
  ALICE,
  approveSubscription,
  BOB,
  contactRow,
  messageWithText,
  openConversation,
  selectAccount,
  sendFromComposer,
  signInAliceAndBob,
  UI_TIMEOUT,
} from './support/ui.js';

const available = e2eWorldAvailable();

const send = sendFromComposer;

describe.runIf(available)('read markers in the window', () => {
  const rig = useE2eWorld();

  it('the contact opens the conversation, and "Read" appears under our message', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await signInAliceAndBob(page);
    await selectAccount(page, ALICE);
    await addContactThroughForm(page, BOB);
    await selectAccount(page, BOB);
    await approveSubscription(page, ALICE);
    await addContactThroughForm(page, ALICE);
    await selectAccount(page, ALICE);
    await approveSubscription(page, BOB);
    await contactRow(page, BOB).getByTestId('contact-presence').filter({ hasText: /^Online$/ }).waitFor({ timeout: UI_TIMEOUT });

    await contactRow(page, BOB).getByRole('button', { name: 'Chat' }).click();
    await send(page, 'Did you get the tickets?');
    await send(page, 'The train leaves at nine.');

    // Bob reads them: his open conversation tells main, which sends one marker for the newest.
    await openConversation(page, ALICE, BOB);
    await messageWithText(page, 'The train leaves at nine.').waitFor({ timeout: UI_TIMEOUT });

    await openConversation(page, BOB, ALICE);
    const read = page.getByTestId('message-read');
    await read.waitFor({ timeout: UI_TIMEOUT });
    expect(await read.count()).toBe(1);
    expect(await messageWithText(page, 'The train leaves at nine.').getByTestId('message-read').count()).toBe(1);
    await screenshotBothThemes(harness, 'read-markers');
    expect(harness.pageErrors).toEqual([]);
  });
});
