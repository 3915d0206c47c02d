/**
 * Every identity state of trust-ux.md's table, as the user meets it, with a screenshot of each: verified by
 * certificate (PKIX), verified as delegated (POSH), and the three questions that have no pin behind them
 * (delegated host, untrusted certificate, POSH mismatch). Pinned and key-changed are in pin-and-key-change.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { waitForEvent } from '../harness/wait-for-event.js';
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
    ['alice@noposh.test', 'delegated-host', 'trust-dialog-delegated-host-light', 'light'],
    ['alice@self.test', 'untrusted-certificate', 'trust-dialog-untrusted-certificate', 'light'],
    ['alice@self.test', 'untrusted-certificate', 'trust-dialog-untrusted-certificate-dark', 'dark'],
    ['alice@liar.test', 'posh-mismatch', 'trust-dialog-posh-mismatch', 'light'],
    ['alice@liar.test', 'posh-mismatch', 'trust-dialog-posh-mismatch-dark', 'dark'],
  ] as const)('%s: the dialog for "%s" stops before anything is sent, Cancel focused (%s)', async (jid, reason, screenshot, colorScheme) => {
    const { harness, app } = await rig.open({ colorScheme });
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

  it('a POSH mismatch offers no override at all: Cancel and Check again, which asks the web site afresh', async () => {
    const { harness, app } = await rig.open();
    const { page } = harness;
    await addAccountThroughForm(page, 'alice@liar.test', password('alice'));
    const dialog = decisionDialog(page);
    await dialog.locator('[data-reason="posh-mismatch"]').waitFor({ timeout: 20_000 });
    // Like HSTS: no Connect once, no Pin, not even the disclosure that would lead to them.
    const buttons = await dialog.getByRole('button').allTextContents();
    for (const forbidden of [/Connect once/, /Pin this key/, /Replace/, /understand the risk/]) expect(buttons.filter((b) => forbidden.test(b))).toEqual([]);
    expect(await dialog.locator('[data-decision]').evaluateAll((els) => els.map((el) => el.getAttribute('data-decision')))).toEqual(['cancel', 'check-again']);
    expect(await dialog.getByTestId('deciding-step').getByTestId('delegation-step').getAttribute('data-kind')).toBe('posh');
    expect(await dialog.getByTestId('decision-contact').textContent()).toContain('contact the people who run liar.test');
    // The window cannot go around the dialog either: the main process did not offer an override.
    const question = app.events.find((e) => e.event === 'trustDecisionNeeded')?.payload as { choices: string[] } | undefined;
    expect(question?.choices).toEqual(['cancel', 'check-again']);

    const fetched = () => rig.world.web.requests.filter((r) => r.host === 'liar.test' && r.path === '/.well-known/posh/xmpp-client.json').length;
    const before = fetched();
    const asked = app.events.filter((e) => e.event === 'trustDecisionNeeded').length;
    await dialog.getByRole('button', { name: 'Check again' }).click();
    // Checked afresh (not from the cache), and the domain still says no: asked again, still without an override.
    await waitForEvent(app.events, 'trustDecisionNeeded', () => app.events.filter((e) => e.event === 'trustDecisionNeeded').length > asked);
    expect(fetched()).toBeGreaterThan(before);
    await dialog.locator('[data-reason="posh-mismatch"]').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await waitForStage(page, 'failed');
    expect(harness.pageErrors).toEqual([]);
  });
});
