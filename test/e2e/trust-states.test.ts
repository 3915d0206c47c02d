/**
 * Every identity state of trust-ux.md's table, as the user meets it, with a screenshot of each: verified by
 * certificate (PKIX), verified as delegated (POSH), and the three questions that have no pin behind them
 * (delegated host, untrusted certificate, POSH mismatch). Pinned and key-changed are in pin-and-key-change.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { addAccountThroughForm, decisionDialog, isFocused, pageBadge, waitForStage, waitForText } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('each trust state as the user sees it', () => {
  const rig = useE2eWorld();

  it('a certificate valid for the domain: green "Verified", no question', async () => {
    const { harness } = await rig.open();
    await addAccountThroughForm(harness.page, 'alice@valid.test', password('alice'));
    await waitForStage(harness.page, 'online');
    await waitForText(pageBadge(harness.page).locator('.badge__label'), 'Verified');
    expect(await pageBadge(harness.page).getAttribute('class')).toContain('badge--green');
    expect(await decisionDialog(harness.page).count()).toBe(0);
    await harness.screenshot('trust-verified-certificate-badge');
    expect(harness.pageErrors).toEqual([]);
  });

  it.each([
    ['alice@noposh.test', 'delegated-host', 'trust-dialog-delegated-host-light'],
    ['alice@self.test', 'untrusted-certificate', 'trust-dialog-untrusted-certificate'],
    ['alice@liar.test', 'posh-mismatch', 'trust-dialog-posh-mismatch'],
  ])('%s: the dialog for "%s" stops before anything is sent, Cancel focused', async (jid, reason, screenshot) => {
    const { harness, app } = await rig.open();
    await addAccountThroughForm(harness.page, jid, password('alice'));
    const dialog = decisionDialog(harness.page);
    await dialog.waitFor({ timeout: 20_000 });
    const question = app.events.find((e) => e.event === 'trustDecisionNeeded')?.payload as { verdict: { undecided: string } } | undefined;
    expect(question?.verdict.undecided).toBe(reason);
    expect(await dialog.locator('[data-reason]').getAttribute('data-reason')).toBe(reason);
    expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
    // The app behind the modal is inert: nothing there can be reached while the question is open.
    expect(await harness.page.evaluate(() => document.getElementById('root')?.inert)).toBe(true);
    await harness.screenshot(screenshot);
    await harness.page.keyboard.press('Escape');
    await waitForStage(harness.page, 'failed');
    expect(await harness.page.evaluate(() => document.getElementById('root')?.inert)).toBe(false);
    expect(harness.pageErrors).toEqual([]);
  });
});
