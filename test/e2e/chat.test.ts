/**
 * Scenarios 4 and 5 of the desktop UI:
 *  4. alice@valid.test and bob@valid.test, both in one window, add each other (each request approved by the
 *     other), exchange messages both ways, and each sender sees its message marked delivered (XEP-0184).
 *  5. History on scroll (posh.test): the server archive (MAM) holds more than one page; a fresh app opens the
 *     conversation at the newest messages, and scrolling to the top brings the first one in, above the rest.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import {
  addAccountThroughForm,
  addContactThroughForm,
  ALICE,
  approveSubscription,
  BOB,
  contactRow,
  messages,
  messageWithText,
  openConversation,
  openStartChat,
  selectAccount,
  sendFromComposer,
  signInAliceAndBob,
  UI_TIMEOUT,
  waitForStage,
} from './support/ui.js';

const available = e2eWorldAvailable();

const send = sendFromComposer;

const delivered = (page: Page, body: string) => page.locator('[data-testid="message"][data-state="delivered"]').filter({ hasText: body });

describe.runIf(available)('chat in the window: contacts, messages, receipts and history', () => {
  const rig = useE2eWorld();

  it('alice and bob become contacts, chat both ways, and each sees the delivery receipt', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    await signInAliceAndBob(page);

    // alice asks, bob approves; bob asks back, alice approves: both now see each other's presence.
    await selectAccount(page, ALICE);
    await addContactThroughForm(page, BOB);
    // The roster push for the pending request follows the one for the new item.
    await contactRow(page, BOB).getByTestId('contact-presence').filter({ hasText: 'waiting for them to accept' }).waitFor({ timeout: UI_TIMEOUT });
    // alice's request reached bob while alice's page was shown: the window must have kept it for him.
    await selectAccount(page, BOB);
    await approveSubscription(page, ALICE);
    await addContactThroughForm(page, ALICE);
    await selectAccount(page, ALICE);
    await approveSubscription(page, BOB);
    const bobForAlice = contactRow(page, BOB).getByTestId('contact-presence');
    await bobForAlice.filter({ hasText: /^Online$/ }).waitFor({ timeout: UI_TIMEOUT });

    // alice → bob
    await contactRow(page, BOB).getByRole('button', { name: 'Chat' }).click();
    await send(page, 'Hello Bob, this is Alice.');
    await delivered(page, 'Hello Bob, this is Alice.').waitFor({ timeout: UI_TIMEOUT });

    // bob reads it and answers
    await openConversation(page, ALICE, BOB);
    const received = messageWithText(page, 'Hello Bob, this is Alice.');
    await received.waitFor({ timeout: UI_TIMEOUT });
    expect(await received.getAttribute('data-state')).toBe('received');
    await send(page, 'Hi Alice! Bob here, loud and clear.');
    await delivered(page, 'Hi Alice! Bob here, loud and clear.').waitFor({ timeout: UI_TIMEOUT });

    // alice sees the answer under her own delivered message
    await openConversation(page, BOB, ALICE);
    await messageWithText(page, 'Hi Alice! Bob here, loud and clear.').waitFor({ timeout: UI_TIMEOUT });
    expect(await delivered(page, 'Hello Bob, this is Alice.').count()).toBe(1);
    expect(await messageWithText(page, 'Hi Alice! Bob here, loud and clear.').getAttribute('data-state')).toBe('received');
    await harness.screenshot('chat-conversation');
    expect(harness.pageErrors).toEqual([]);
  });

  it('a fresh app opens the conversation at the newest messages and loads older ones on scroll', async () => {
    // More than one page (the window asks for 50) goes into the server archive: bob writes 60 lines to alice,
    // whose other device is online, so every line is archived on the server for alice.
    const COUNT = 60;
    const line = (n: number) => `History line ${String(n).padStart(2, '0')} of ${COUNT}`;
    // Plaintext (OMEMO off on every side): a fresh install cannot open what was encrypted before it existed (that
    // is the protocol; the encrypted paths have their own tests), and this test is about paging the history.
    const bob = await rig.peer('bob@posh.test', { omemo: false });
    const otherDevice = await rig.peer('alice@posh.test', { omemo: false });
    await otherDevice.call('addContact', { accountId: otherDevice.accountId, jid: 'bob@posh.test' });
    for (let n = 1; n <= COUNT; n += 1) await bob.call('sendMessage', { accountId: bob.accountId, to: 'alice@posh.test', body: line(n) });
    await waitForEvent(otherDevice.app.events, 'messageReceived', (m) => m.body === line(COUNT), { timeoutMs: UI_TIMEOUT });

    // A fresh app (its own data directory, nothing in memory): the history can only come from the archive.
    const { harness } = await rig.open({ omemo: false });
    const { page } = harness;
    await addAccountThroughForm(page, 'alice@posh.test', password('alice'));
    await waitForStage(page, 'online');
    await openStartChat(page);
    await contactRow(page, 'bob@posh.test').getByRole('button', { name: 'Chat' }).click();
    await messageWithText(page, line(COUNT)).waitFor({ timeout: UI_TIMEOUT });
    expect(await messageWithText(page, line(1)).count()).toBe(0);
    expect(await page.getByText('This is the beginning of the conversation.').count()).toBe(0);

    // Scroll to the top until the first line is there: each time at the top, the next older page is asked for.
    const list = page.getByTestId('message-list');
    const deadline = Date.now() + UI_TIMEOUT;
    while ((await messageWithText(page, line(1)).count()) === 0) {
      if (Date.now() > deadline) throw new Error(`The first line never appeared; the list shows: ${(await messages(page).allTextContents()).join(' | ')}`);
      await list.evaluate((element) => {
        element.scrollTop = 0;
      });
      await page.waitForFunction(() => document.querySelector('[data-testid="message-list"]')?.getAttribute('aria-busy') === 'false');
    }
    await messageWithText(page, line(1)).waitFor();
    await page.getByText('This is the beginning of the conversation.').waitFor();
    // The oldest line is above the second one: history is in order.
    const first = await messageWithText(page, line(1)).boundingBox();
    const second = await messageWithText(page, line(2)).boundingBox();
    if (!first || !second) throw new Error('the first lines are not laid out');
    expect(first.y).toBeLessThan(second.y);
    await harness.screenshot('chat-history-loaded-on-scroll');
    // And the older page went above, not after the newest line: the bottom of the list still ends with it.
    await list.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="message-list"] [data-testid="message-body"]')];
      return rows.length > 0 && rows.some((r) => r.textContent?.startsWith('History line 60'));
    });
    const bodies = await messages(page).locator('[data-testid="message-body"]').allTextContents();
    expect(bodies.at(-1)).toBe(line(COUNT));
    expect(bodies).not.toContain(line(1));
    expect(harness.pageErrors).toEqual([]);
  });
});
