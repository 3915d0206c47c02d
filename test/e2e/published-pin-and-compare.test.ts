/**
 * Two trust-ux.md features the user reaches without a prior connection's help:
 *  - paste-to-compare: in the decision dialog, the fingerprint the provider gave is pasted (hex with colons as
 *    openssl prints it, or base64) and the machine says match or no match, in both themes;
 *  - a pin added before the first connection, from a fingerprint the provider published elsewhere, in the
 *    trust center: the first connection then verifies silently by it and the pin learns its certificate.
 * The expected fingerprints come from Node's crypto over the test certificates, not from the app's code.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { certificateSha256, publicKeySha256 } from './support/fingerprints.js';
import { addAccountThroughForm, decisionDialog, openTrustCenter, pageBadge, UI_TIMEOUT, waitForStage, waitForText } from './support/ui.js';

const available = e2eWorldAvailable();

/** Colon-separated upper-case hex of a base64 digest, as `openssl x509 -fingerprint -sha256` prints it. */
const colonHex = (base64: string) => Buffer.from(base64, 'base64').toString('hex').toUpperCase().match(/../g)?.join(':') ?? '';

describe.runIf(available)('fingerprints the provider gave you', () => {
  const rig = useE2eWorld();

  it.each(['light', 'dark'] as const)('paste-to-compare in the decision dialog says match or no match (%s theme)', async (colorScheme) => {
    const { harness } = await rig.open({ colorScheme });
    const { page } = harness;
    await addAccountThroughForm(page, 'alice@noposh.test', password('alice'));
    const dialog = decisionDialog(page);
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByTestId('certificate-disclosure').locator(':scope > summary').click();
    const key = publicKeySha256(rig.world.hosting.der);
    // Shown as openssl prints it by default, switchable to base64.
    const keyFingerprint = dialog.getByTestId('fingerprint-key');
    expect(await keyFingerprint.locator('code').textContent()).toBe(colonHex(key));
    await keyFingerprint.getByRole('button', { name: 'Base64' }).click();
    expect((await keyFingerprint.locator('code').textContent())?.replace(/ /g, '')).toBe(key);

    const compare = dialog.getByTestId('fingerprint-compare');
    const field = compare.getByLabel('Paste the fingerprint your provider gave you');
    const result = compare.getByRole('status');
    await field.fill(colonHex(key).toLowerCase());
    await waitForText(result, '✓ Match: this is the SHA-256 of the public key.');
    await field.fill(certificateSha256(rig.world.hosting.der));
    await waitForText(result, '✓ Match: this is the SHA-256 of the certificate.');
    await field.scrollIntoViewIfNeeded();
    await harness.screenshot(`trust-dialog-compare-match-${colorScheme}`);
    await field.fill(colonHex(certificateSha256(rig.world.ca.der)));
    expect(await result.getAttribute('data-result')).toBe('no-match');
    expect(await result.textContent()).toContain('No match');
    await harness.screenshot(`trust-dialog-compare-no-match-${colorScheme}`);
    await page.keyboard.press('Escape');
    await waitForStage(page, 'failed');
    expect(harness.pageErrors).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('a pin added before the first connection makes it verify silently (%s theme)', async (colorScheme) => {
    const { app, harness } = await rig.open({ colorScheme });
    const { page } = harness;
    // noposh.test publishes no POSH: without the pin its first connection would stop and ask.
    const domain = 'noposh.test';
    const published = publicKeySha256(rig.world.hosting.der);

    const center = await openTrustCenter(page);
    const form = center.getByTestId('add-pin-form');
    await form.getByLabel('Domain').fill(domain);
    await form.getByLabel("SHA-256 of the server's public key").fill(colonHex(published));
    await form.getByRole('button', { name: 'Pin this key' }).click();
    const item = center.getByTestId('pin-item').filter({ hasText: domain });
    await item.waitFor({ timeout: UI_TIMEOUT });
    // The main process asked in its own dialog before it stored anything.
    expect(app.confirmations).toEqual([{ kind: 'pin-published', domain, spkiSha256: published, replaces: null }]);
    expect(await item.textContent()).toContain('None seen yet');
    expect(await item.textContent()).toContain('Pinned by you from a published fingerprint');
    await harness.screenshot(`trust-center-published-pin-${colorScheme}`);

    await addAccountThroughForm(page, `alice@${domain}`, password('alice'));
    await waitForStage(page, 'online');
    expect(await decisionDialog(page).count()).toBe(0);
    expect(app.events.filter((e) => e.event === 'trustDecisionNeeded')).toEqual([]);
    expect((await pageBadge(page).locator('.badge__label').textContent())?.startsWith('Pinned by you')).toBe(true);

    // The first connection filled in the certificate the key came in, and the pin links to the account.
    const after = await openTrustCenter(page);
    const pin = after.getByTestId('pin-item').filter({ hasText: domain });
    await pin.getByText('From a certificate for').waitFor({ timeout: UI_TIMEOUT });
    expect(await pin.getByTestId('pin-accounts').textContent()).toBe(`alice@${domain}`);
    await harness.screenshot(`trust-center-published-pin-seen-${colorScheme}`);
    expect(harness.pageErrors).toEqual([]);
  });
});
