/**
 * Scenarios 2 and 3 of the desktop UI, on noposh.test: a hosted domain that publishes no POSH, so its server
 * (presenting the provider's certificate for hosting.test) cannot prove it is the server for noposh.test.
 *  2. The delegated-host dialog (amber, Cancel the filled, focused primary; the overrides behind "I understand
 *     the risk") → pin → "Pinned by you"; a reconnect asks nothing.
 *  3. The provider swaps its key → the red key-changed dialog → Replace shows old and new fingerprints side by
 *     side with the differing groups marked → back out and Cancel → not online, the Trust center still holds
 *     the old pin and says since when it does not match → connect again, type the domain to confirm, and the
 *     main process's own confirmation replaces the pin.
 * This file has its own world because scenario 3 rotates the provider's key for every hosted domain.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { publicKeySha256 } from './support/fingerprints.js';
import {
  accountPage,
  addAccountThroughForm,
  decisionDialog,
  fingerprintValue,
  isFocused,
  openSecurity,
  openTrustCenter,
  pageBadge,
  selectAccount,
  takeTheRisk,
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
    expect(await dialog.locator('[data-reason]').getAttribute('data-reason')).toBe('delegated-host');
    expect(await dialog.locator('.dialog__title').textContent()).toBe('hosting.test could not prove it is the server for noposh.test');
    // trust-ux.md: the consequence comes first; the deciding step (the name the certificate does name) is visible
    // without scrolling; Cancel is the filled, focused primary; the overrides are not on screen yet.
    expect(await dialog.getByTestId('decision-consequence').textContent()).toMatch(/^Someone who can alter your DNS answers/);
    const deciding = dialog.getByTestId('deciding-step');
    expect(await deciding.getByTestId('delegation-step').getAttribute('data-kind')).toBe('certificate');
    expect(await deciding.getByTestId('step-meaning').textContent()).toBe('does not prove');
    const viewport = page.viewportSize();
    const decidingBox = await deciding.boundingBox();
    if (!viewport || !decidingBox) throw new Error('the deciding step is not laid out');
    expect(decidingBox.y + decidingBox.height).toBeLessThanOrEqual(viewport.height);
    const cancel = dialog.getByRole('button', { name: 'Cancel' });
    expect(await isFocused(cancel)).toBe(true);
    const filled = await cancel.evaluate((el) => getComputedStyle(el).backgroundColor);
    const plain = await dialog.getByRole('button', { name: 'I understand the risk' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(filled).not.toBe(plain);
    const decisions = () => dialog.locator('[data-decision]').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')));
    expect(await decisions()).toEqual(['cancel']);
    // The chain and the certificate are collapsed; opening them shows the SRV step as unverified and the key.
    expect(await dialog.getByTestId('certificate-disclosure').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await waitForStage(page, 'awaiting-decision');
    await harness.screenshot('trust-dialog-delegated-host');
    await dialog.getByTestId('chain-disclosure').locator(':scope > summary').click();
    expect(await dialog.locator('[data-testid="delegation-chain"] [data-kind="srv"]').getByTestId('step-meaning').textContent()).toBe(
      'not authenticated: anyone on the network path can change it',
    );
    await dialog.getByTestId('certificate-disclosure').locator(':scope > summary').click();
    expect(await fingerprintValue(dialog.getByTestId('fingerprint-key'))).toBe(publicKeySha256(rig.world.hosting.der));
    await takeTheRisk(dialog);
    expect(await decisions()).toEqual(['cancel', 'connect-once', 'pin']);
    await screenshotBothThemes(harness, 'trust-dialog-delegated-host-risk');

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
    await openSecurity(page);
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
  it('a changed key gets the red dialog; Replace compares old and new; Cancel keeps the old pin; typing the domain replaces it', async () => {
    const { app, harness } = await rig.open();
    const { page } = harness;
    const pinnedKey = publicKeySha256(rig.world.hosting.der);

    await addAccountThroughForm(page, 'bob@noposh.test', password('bob'));
    await takeTheRisk(decisionDialog(page));
    await decisionDialog(page).getByRole('button', { name: 'Pin this key for noposh.test' }).click({ timeout: 20_000 });
    await waitForStage(page, 'online');
    await accountPage(page).getByRole('button', { name: 'Disconnect' }).click();
    await waitForStage(page, 'offline');

    const rotated = await rig.world.rotateHostingKey();
    const newKey = publicKeySha256(rotated.der);
    expect(newKey).not.toBe(pinnedKey);

    await accountPage(page).getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = decisionDialog(page);
    await dialog.locator('[data-reason="key-changed"]').waitFor({ timeout: 20_000 });
    // trust-ux.md: key changed is red, the strongest warning; Cancel is still the default.
    expect(await dialog.getAttribute('class')).toContain('dialog--danger');
    expect(await dialog.locator('.dialog__title').textContent()).toBe("The key of noposh.test's server has changed since you pinned it");
    expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
    expect(await dialog.getByTestId('deciding-step').getByTestId('delegation-step').getAttribute('data-kind')).toBe('pin');
    expect(await dialog.locator('[data-decision]').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')))).toEqual(['cancel']);
    await screenshotBothThemes(harness, 'trust-dialog-key-changed');
    await takeTheRisk(dialog);
    expect(await dialog.locator('[data-decision]').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')))).toEqual(['cancel', 'connect-once', 'replace-pin']);
    await dialog.getByTestId('certificate-disclosure').locator(':scope > summary').click();
    expect(await fingerprintValue(dialog.getByTestId('fingerprint-key'))).toBe(newKey);

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
    // The machine compares: the groups in which the keys differ are marked on both sides.
    const marks = (side: Locator) => side.locator('.fingerprint').filter({ hasText: 'public key' }).locator('mark').count();
    expect(await marks(oldSide)).toBeGreaterThan(0);
    expect(await marks(newSide)).toBe(await marks(oldSide));
    // Going back, not replacing, is the default of the second confirmation too; replacing needs the domain typed.
    expect(await isFocused(confirm.getByRole('button', { name: 'Go back' }))).toBe(true);
    expect(await confirm.getByRole('button', { name: 'Replace the pinned key' }).isDisabled()).toBe(true);
    await screenshotBothThemes(harness, 'trust-dialog-key-changed-confirm');

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
    // The pin says since when the server presents another key, and which account uses it.
    expect(await pins.first().getByTestId('pin-mismatch').textContent()).toMatch(/^Does not match the server since \d{1,2} \w{3} \d{4}, \d\d:\d\d\./);
    expect(await pins.first().getByTestId('pin-accounts').textContent()).toBe('bob@noposh.test');
    await screenshotBothThemes(harness, 'trust-center-pins');

    // The account is still not online.
    await selectAccount(page, 'bob@noposh.test');
    await waitForStage(page, 'failed');

    // Now the operators confirmed the change: connect again, and replace the pin by typing the domain.
    await accountPage(page).getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.locator('[data-reason="key-changed"]').waitFor({ timeout: 20_000 });
    await takeTheRisk(dialog);
    await dialog.getByRole('button', { name: 'Replace the pinned key' }).click();
    await confirm.waitFor();
    const replace = confirm.getByRole('button', { name: 'Replace the pinned key' });
    const typed = confirm.getByLabel(/To replace the pin, type/);
    await typed.fill('noposh.tes');
    expect(await replace.isDisabled()).toBe(true);
    await typed.fill('noposh.test');
    expect(await replace.isDisabled()).toBe(false);
    await screenshotBothThemes(harness, 'trust-dialog-key-changed-typed');
    await replace.click();
    await waitForStage(page, 'online');
    // The main process showed its own confirmation with both keys before it replaced anything.
    expect(app.confirmations.at(-1)).toMatchObject({ kind: 'replace-pin', domain: 'noposh.test', previous: { spkiSha256: pinnedKey }, next: { spkiSha256: newKey } });
    const after = await openTrustCenter(page);
    await after.getByTestId('pin-item').first().waitFor();
    expect(await fingerprintValue(after.getByTestId('pin-item').first())).toBe(newKey);
    expect(await after.getByTestId('pin-mismatch').count()).toBe(0);
    // The trust history in the trust center, filtered to key changes, says it in plain words.
    const history = after.getByTestId('trust-events');
    await history.getByRole('button', { name: 'Refresh' }).click();
    await history.getByLabel('Key changes only').check();
    await history.getByLabel('Your decisions only').check();
    await waitForText(history.getByTestId('trust-event').first().locator('.event__text'), "the key of noposh.test's server changed; you replaced the pin");
    await screenshotBothThemes(harness, 'trust-center-history-key-changes');
    expect(harness.pageErrors).toEqual([]);
  });
});
