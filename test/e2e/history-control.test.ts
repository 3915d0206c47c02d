/**
 * The user's control over local history in the real window, with screenshots in both themes: the
 * conversation's History choices, an export offered for saving, the delete dialog (after which the
 * conversation leaves the list), the history period in Preferences with its confirmation, and the notice of
 * a server that keeps no archive.
 */
import { describe, expect, it } from 'vitest';
import { appCaller } from '../harness/app-caller.js';
import { password } from '../harness/app-world.js';
import { startProsody } from '../harness/prosody.js';
import { createTestApp } from '../harness/test-app.js';
import { createTestCertificate } from '../harness/test-pki.js';
import { waitForEvent } from '../harness/wait-for-event.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, conversationRow, messageWithText, openConversation, UI_TIMEOUT, waitForStage } from './support/ui.js';

const available = e2eWorldAvailable();
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

describe.runIf(available)('history on this computer, under the user\'s control', () => {
  const rig = useE2eWorld();

  it('exports and deletes a conversation, and sets how long history is kept, in both themes', async () => {
    const bob = await rig.peer(BOB);
    const { harness } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, ALICE, password('alice'));
    await waitForStage(page, 'online');
    await page.keyboard.press('Escape');
    for (const line of ['Did you get the plans?', 'They are in the shared folder.']) {
      await bob.call('sendMessage', { accountId: bob.accountId, to: ALICE, body: line });
    }
    await conversationRow(page, BOB).getByTestId('unread-count').filter({ hasText: '2' }).waitFor({ timeout: UI_TIMEOUT });
    await openConversation(page, BOB);
    await messageWithText(page, 'They are in the shared folder.').waitFor();

    // The History choices, below their button.
    const header = page.getByTestId('conversation-header');
    await header.getByRole('button', { name: /History/ }).click();
    await screenshotBothThemes(harness, 'history-menu');

    // Export as text: main builds the file, the window offers it for saving.
    await header.getByRole('button', { name: 'Export as text' }).click();
    const exported = page.getByTestId('export-ready');
    await exported.waitFor();
    expect(await exported.textContent()).toContain('2 messages from this computer, as plain text.');
    expect(await exported.getByTestId('export-download').getAttribute('download')).toMatch(/^conversation-bob@valid\.test-\d{8}-\d{4}\.txt$/);
    await screenshotBothThemes(harness, 'history-export');
    await exported.getByRole('button', { name: 'Close' }).click();
    await exported.waitFor({ state: 'detached' });

    // Delete history…: the dialog says what goes and what may come back; confirmed, the conversation leaves.
    await header.getByRole('button', { name: /History/ }).click();
    await header.getByRole('button', { name: 'Delete history…' }).click();
    const dialog = page.getByTestId('delete-history-confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Your server may still keep these messages in its archive');
    await screenshotBothThemes(harness, 'history-delete-dialog');
    await dialog.getByRole('button', { name: 'Delete history' }).click();
    await conversationRow(page, BOB).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await page.getByTestId('chat-empty').waitFor();

    // Preferences: the history period; a period is confirmed before it is saved (it deletes at once).
    await page.keyboard.press('Control+,');
    const retention = page.getByTestId('history-retention');
    await retention.waitFor();
    await retention.getByRole('radio', { name: 'Forever' }).waitFor();
    expect(await retention.getByRole('radio', { name: 'Forever' }).isChecked()).toBe(true);
    await retention.getByRole('radio', { name: '90 days' }).check();
    await retention.scrollIntoViewIfNeeded();
    await screenshotBothThemes(harness, 'settings-history-retention');
    await retention.getByRole('button', { name: 'Save' }).click();
    const confirm = page.getByTestId('retention-confirm');
    await confirm.waitFor();
    await screenshotBothThemes(harness, 'settings-history-retention-confirm');
    await confirm.getByRole('button', { name: 'Save and delete old messages' }).click();
    await retention.getByRole('status').filter({ hasText: 'Saved: messages older than 90 days are deleted from this computer.' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await retention.getByRole('radio', { name: '90 days' }).isChecked()).toBe(true);
    expect(harness.pageErrors).toEqual([]);
  });

  it('a conversation on a server that keeps no archive says so once, at its top', async () => {
    const { world } = rig;
    const certificate = await createTestCertificate({ commonName: 'valid.test', dnsNames: ['valid.test'], issuer: world.ca });
    const server = await startProsody({
      hosts: [{ domain: 'valid.test', certPem: certificate.certPem, keyPem: certificate.keyPem }],
      users: ['alice', 'bob'].map((user) => ({ user, host: 'valid.test', password: password(user) })),
      withoutModules: ['mam'],
    });
    const bobApp = await createTestApp({ network: world.network('starttls'), reconnectDelay: () => 200 });
    try {
      const there = { host: '127.0.0.1', port: server.starttlsPort, directTls: false };
      const { app, harness } = await rig.open();
      const { page } = harness;
      const alice = await appCaller(app)('addAccount', { jid: ALICE, password: password('alice'), rememberPassword: false, server: there });
      await waitForEvent(app.events, 'accountsChanged', (list) => list.some((a) => a.settings.id === alice.settings.id && a.serverKeepsArchive === false), {
        timeoutMs: UI_TIMEOUT,
      });
      const callBob = appCaller(bobApp);
      const bob = await callBob('addAccount', { jid: BOB, password: password('bob'), rememberPassword: false, server: there });
      await waitForEvent(bobApp.events, 'connectionChanged', (p) => p.accountId === bob.settings.id && p.state.stage === 'online', { timeoutMs: UI_TIMEOUT });
      await callBob('sendMessage', { accountId: bob.settings.id, to: ALICE, body: 'Your server forgets, mine too.' });
      await conversationRow(page, BOB).waitFor({ timeout: UI_TIMEOUT });
      await openConversation(page, BOB);
      await messageWithText(page, 'Your server forgets, mine too.').waitFor();
      const notice = page.getByTestId('no-archive-notice');
      expect(await notice.count()).toBe(1);
      expect(await notice.textContent()).toBe('Your server keeps no message archive: history is only what this computer saved.');
      await screenshotBothThemes(harness, 'history-no-archive');
      expect(harness.pageErrors).toEqual([]);
    } finally {
      await bobApp.close();
      await server.stop();
    }
  });
});
