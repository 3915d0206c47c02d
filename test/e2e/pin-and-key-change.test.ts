/**
 * Scenarios 2 and 3 of the desktop UI, on noposh.test: a hosted domain that publishes no POSH, so its server
 * (presenting the provider's certificate for hosting.test) cannot prove it is the server for noposh.test.
 *  2. The delegated-host dialog (amber, Cancel focused) → pin → "Pinned by you"; a reconnect asks nothing.
 *  3. The provider swaps its key → the red key-changed dialog → Replace shows old and new fingerprints side by
 *     side → back out and Cancel → not online, and the Trust center still holds the old pin.
 * This file has its own world because scenario 3 rotates the provider's key for every hosted domain.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { publicKeySha256 } from './support/fingerprints.js';
import {
  accountPage,
  addAccountThroughForm,
  decisionDialog,
  fingerprintValue,
  isFocused,
  openTab,
  openTrustCenter,
  pageBadge,
  selectAccount,
  waitForStage,
  waitForText,
} from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('a hosted domain without POSH: the user decides, pins, and meets a changed key', () => {
  const rig = useE2eWorld();

  it('asks with Cancel focused; pinning connects with "Pinned by you"; a reconnect asks nothing', async () => {
    const { app, harness } = await rig.open();
    const { page } = harness;

    await addAccountThroughForm(page, 'alice@noposh.test', password('alice'));
    const dialog = decisionDialog(page);
    await dialog.waitFor({ timeout: 20_000 });
    // trust-ux.md: the delegated host is an amber warning, the safe choice is the default.
    expect(await dialog.getAttribute('role')).toBe('alertdialog');
    expect(await dialog.getAttribute('class')).toContain('dialog--warning');
    expect(await dialog.locator('.dialog__body').getAttribute('data-reason')).toBe('delegated-host');
    expect(await dialog.locator('.dialog__title').textContent()).toBe('hosting.test could not prove it is the server for noposh.test');
    const cancel = dialog.getByRole('button', { name: 'Cancel' });
    expect(await isFocused(cancel)).toBe(true);
    expect(await dialog.locator('[data-decision]').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')))).toEqual(['cancel', 'connect-once', 'pin']);
    // The story names the SRV target as unauthenticated and shows the provider's certificate and key.
    expect(await dialog.locator('[data-testid="delegation-step"][data-kind="srv"]').getByTestId('step-authentication').textContent()).toBe('not authenticated');
    expect(await fingerprintValue(dialog.getByTestId('fingerprint-key'))).toBe(publicKeySha256(rig.world.hosting.der));
    await waitForStage(page, 'awaiting-decision');
    await harness.screenshot('trust-dialog-delegated-host');

    await dialog.getByRole('button', { name: 'Pin this key for noposh.test' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForStage(page, 'online');
    const badge = pageBadge(page);
    expect((await badge.locator('.badge__label').textContent())?.startsWith('Pinned by you')).toBe(true);
    expect(await badge.getAttribute('class')).toContain('badge--blue');
    await harness.screenshot('trust-pinned-badge');

    // Disconnect and connect again: the pin vouches for the same key, so no question is asked.
    await accountPage(page).getByRole('button', { name: 'Disconnect' }).click();
    await waitForStage(page, 'offline');
    const asked = app.events.filter((e) => e.event === 'trustDecisionNeeded').length;
    await accountPage(page).getByRole('button', { name: 'Connect', exact: true }).click();
    await waitForStage(page, 'online');
    expect(await decisionDialog(page).count()).toBe(0);
    expect(app.events.filter((e) => e.event === 'trustDecisionNeeded')).toHaveLength(asked);
    // trust-ux.md: verified by the pin, the badge reads "Pinned by you" with the date of the pin.
    expect(await badge.locator('.badge__label').textContent()).toMatch(/^Pinned by you \(.*\d{4}.*\)$/);

    // The trust history says why, line by line (newest first): the pin now, the decision, and the question;
    // between them, how each login was protected (Prosody 0.12 on TLS 1.3 offers no channel binding).
    await openTab(page, 'Security');
    const all = page.getByTestId('trust-history').getByTestId('trust-log-row');
    const logins = all.filter({ hasText: 'Logged in:' });
    await logins.first().waitFor();
    expect(await logins.first().textContent()).toContain('Logged in: SCRAM-SHA-1, not bound to this TLS connection');
    const rows = all.filter({ hasNotText: 'Logged in:' });
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).getByTestId('trust-log-why').textContent()).toContain("noposh.test is trusted because you pinned this server's key");
    expect(await rows.nth(1).textContent()).toContain('You pinned the key');
    expect(await rows.nth(2).getByTestId('trust-log-why').textContent()).toContain('hosting.test could not prove it is the server for noposh.test');
    expect(await rows.nth(2).getByTestId('trust-log-warnings').textContent()).toContain('the chat service is run by another host');
    await rows.nth(2).locator('summary').click();
    expect(await rows.nth(2).getByTestId('trust-log-steps').locator('li[data-kind="srv"]').textContent()).toContain('(not authenticated)');
    await harness.screenshot('trust-history');
    expect(harness.pageErrors).toEqual([]);
  });

  // Last in this file: rotating the key changes it for every hosted domain of this world.
  it('a changed key gets the red dialog; Replace compares old and new; Cancel keeps the old pin', async () => {
    const { harness } = await rig.open();
    const { page } = harness;
    const pinnedKey = publicKeySha256(rig.world.hosting.der);

    await addAccountThroughForm(page, 'bob@noposh.test', password('bob'));
    await decisionDialog(page).getByRole('button', { name: 'Pin this key for noposh.test' }).click({ timeout: 20_000 });
    await waitForStage(page, 'online');
    await accountPage(page).getByRole('button', { name: 'Disconnect' }).click();
    await waitForStage(page, 'offline');

    const rotated = await rig.world.rotateHostingKey();
    const newKey = publicKeySha256(rotated.der);
    expect(newKey).not.toBe(pinnedKey);

    await accountPage(page).getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = decisionDialog(page);
    await dialog.locator('.dialog__body[data-reason="key-changed"]').waitFor({ timeout: 20_000 });
    // trust-ux.md: key changed is red, the strongest warning; Cancel is still the default.
    expect(await dialog.getAttribute('class')).toContain('dialog--danger');
    expect(await dialog.locator('.dialog__title').textContent()).toBe("The key of noposh.test's server has changed since you pinned it");
    expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
    expect(await dialog.locator('[data-decision]').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')))).toEqual(['cancel', 'connect-once', 'replace-pin']);
    expect(await fingerprintValue(dialog.getByTestId('fingerprint-key'))).toBe(newKey);
    await harness.screenshot('trust-dialog-key-changed');

    await dialog.getByRole('button', { name: 'Replace the pinned key' }).click();
    const confirm = page.getByTestId('replace-pin-confirm');
    await confirm.waitFor();
    const oldSide = confirm.getByTestId('old-key');
    const newSide = confirm.getByTestId('new-key');
    expect(await fingerprintValue(oldSide.locator('.fingerprint').filter({ hasText: 'public key' }))).toBe(pinnedKey);
    expect(await fingerprintValue(newSide.locator('.fingerprint').filter({ hasText: 'public key' }))).toBe(newKey);
    // Side by side: the old key on the left, the new one on the right, starting at the same height.
    const oldBox = await oldSide.boundingBox();
    const newBox = await newSide.boundingBox();
    if (!oldBox || !newBox) throw new Error('the key comparison is not laid out');
    expect(oldBox.x + oldBox.width).toBeLessThanOrEqual(newBox.x);
    expect(Math.abs(oldBox.y - newBox.y)).toBeLessThan(2);
    // Going back, not replacing, is the default of the second confirmation too.
    expect(await isFocused(confirm.getByRole('button', { name: 'Go back' }))).toBe(true);
    await harness.screenshot('trust-dialog-key-changed-confirm');

    await confirm.getByRole('button', { name: 'Go back' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForStage(page, 'failed');
    expect(await accountPage(page).getByTestId('connection-error').count()).toBe(1);
    await waitForText(pageBadge(page).locator('.badge__label'), 'Key changed');

    const center = await openTrustCenter(page);
    const pins = center.getByTestId('pin-item');
    await pins.first().waitFor();
    expect(await pins.count()).toBe(1);
    expect(await pins.first().locator('.card__title').textContent()).toContain('noposh.test');
    expect(await fingerprintValue(pins.first())).toBe(pinnedKey);
    await harness.screenshot('trust-center-pins');

    // And the account is still not online.
    await selectAccount(page, 'bob@noposh.test');
    await waitForStage(page, 'failed');
    expect(harness.pageErrors).toEqual([]);
  });
});
