/**
 * Avatars in the window (issue 14): bob (below the UI) sets a picture; alice's conversation list and the
 * conversation's header show it, while a contact without one keeps the initials. Alice then sets her own in
 * settings by choosing a file. The conversation list is shot in both themes ("avatars-conversation-list").
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { appCaller } from '../harness/app-caller.js';
import { testPng } from '../harness/test-png.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { accountPage, addAccountThroughForm, ALICE, approveSubscription, BOB, conversationRow, openConversation, selectAccount, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const OTHER = 'alice@posh.test';

describe.runIf(available)('avatars in the window', () => {
  const rig = useE2eWorld();

  it("shows bob's picture in the conversation list and header, initials for a contact without one, and alice sets her own", async () => {
    const { harness, app } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    const alice = appCaller(app);
    const aliceId = (await alice('listAccounts'))[0]?.settings.id ?? '';

    // alice and bob become contacts below the UI (the window's part of that is tested in chat.test.ts).
    const bob = await rig.peer(BOB);
    await bob.call('addContact', { accountId: bob.accountId, jid: ALICE });
    await waitForEvent(app.events, 'subscriptionRequested', (r) => r.from === BOB);
    await approveSubscription(page, BOB);
    await alice('addContact', { accountId: aliceId, jid: BOB });
    await waitForEvent(bob.app.events, 'subscriptionRequested', (r) => r.from === ALICE);
    await bob.call('answerSubscription', { accountId: bob.accountId, jid: ALICE, approve: true });
    await waitForEvent(app.events, 'presenceChanged', (p) => p.presence.jid === BOB && p.presence.resources.length > 0);

    // bob's picture: the left half orange, the right half blue.
    const mark = app.events.length;
    await bob.call('setOwnAvatar', { accountId: bob.accountId, image: base64(testPng(96, 96, [236, 120, 40], [40, 90, 200])) });
    await waitForEvent(app.events, 'avatarChanged', (e) => e.jid === BOB, { after: mark });
    await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: 'New picture, what do you think?' });
    const other = await rig.peer(OTHER);
    await other.call('sendMessage', { accountId: other.accountId, to: ALICE, body: 'No picture here yet.' });

    const bobRow = conversationRow(page, BOB);
    await bobRow.getByTestId('avatar-picture').waitFor({ timeout: UI_TIMEOUT });
    expect(await bobRow.getByTestId('avatar-picture').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const otherRow = conversationRow(page, OTHER);
    await otherRow.waitFor({ timeout: UI_TIMEOUT });
    expect(await otherRow.getByTestId('avatar-picture').count()).toBe(0);
    expect(await otherRow.getByTestId('avatar').textContent()).toBe('A');

    await openConversation(page, BOB);
    await page.getByTestId('conversation-header').getByTestId('avatar-picture').waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'avatars-conversation-list');

    // alice's own picture, chosen as a file in her account's settings.
    await selectAccount(page, ALICE);
    const own = accountPage(page).getByTestId('own-avatar');
    await own.getByTestId('own-avatar-file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(testPng(64, 64, [120, 60, 170])) });
    await own.getByTestId('avatar-picture').waitFor({ timeout: UI_TIMEOUT });
    await screenshotBothThemes(harness, 'avatars-own-picture');
    expect(harness.pageErrors).toEqual([]);
  });
});
