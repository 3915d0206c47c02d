/**
 * Scenario 1 of the desktop UI: a hosted domain that delegates by POSH. The user adds alice@posh.test through
 * the form; the server presents the provider's certificate (hosting.test), the domain's POSH document lists
 * it, so the account goes online without a question and the badge says who hosts it. The security panel tells
 * the whole story: domain → SRV (not authenticated) → certificate names → POSH URL → matched fingerprint.
 */
import { describe, expect, it } from 'vitest';
import { password } from '../harness/app-world.js';
import { screenshotBothThemes } from './support/both-themes.js';
import { e2eWorldAvailable, useE2eWorld } from './support/e2e-rig.js';
import { certificateSha256 } from './support/fingerprints.js';
import { accountItem, addAccountThroughForm, decisionDialog, openSecurity, pageBadge, waitForStage, waitForText } from './support/ui.js';

const available = e2eWorldAvailable();

describe.runIf(available)('a domain that delegates to its hosting provider by POSH', () => {
  const rig = useE2eWorld();

  it('connects silently, reads "Verified · hosted by hosting.test", and shows the delegation chain', async () => {
    const { harness } = await rig.open();
    const { page } = harness;

    await addAccountThroughForm(page, 'alice@posh.test', password('alice'));
    await waitForStage(page, 'online');
    // trust-ux.md: a POSH delegation is green and names the provider from the certificate POSH vouched for.
    await waitForText(pageBadge(page).locator('.badge__label'), 'Verified · hosted by hosting.test');
    expect(await pageBadge(page).getAttribute('class')).toContain('badge--green');
    expect(await accountItem(page, 'alice@posh.test').getByTestId('identity-badge').textContent()).toContain('Verified · hosted by hosting.test');
    expect(await decisionDialog(page).count()).toBe(0);
    await harness.screenshot('trust-verified-delegated-badge');

    const panel = await openSecurity(page);
    // posh.md §5: "example.com delegates its chat service to hosting.example.net (proved by POSH)".
    expect(await panel.getByTestId('verdict-summary').textContent()).toBe('posh.test delegates its chat service to hosting.test (proved by POSH).');

    const steps = panel.getByTestId('delegation-step');
    expect(await steps.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(['domain', 'srv', 'certificate', 'posh', 'fingerprint']);
    const step = (kind: string) => panel.locator(`[data-testid="delegation-step"][data-kind="${kind}"]`);
    expect(await step('domain').textContent()).toContain('posh.test');
    // The SRV answer is where the app went, but DNS is unauthenticated: the chain must say so in words.
    const srv = step('srv');
    expect(await srv.locator('.chain__label').textContent()).toContain(`hosting.test:${rig.world.prosody.starttlsPort}`);
    expect(await srv.getByTestId('step-meaning').textContent()).toBe('not authenticated: anyone on the network path can change it');
    expect(await step('certificate').locator('.chain__label').textContent()).toContain('hosting.test');
    expect(await step('posh').locator('.chain__label').textContent()).toContain('https://posh.test/.well-known/posh/xmpp-client.json');
    // The fingerprint that matched is the SHA-256 of the whole DER of the certificate the server presented.
    const fingerprint = step('fingerprint');
    expect(await fingerprint.textContent()).toContain(certificateSha256(rig.world.hosting.der));
    expect(await fingerprint.getByTestId('step-meaning').textContent()).toBe('proves');
    // The provider's certificate alone does not name posh.test: it proves nothing until POSH vouches for it.
    expect(await step('certificate').getByTestId('step-meaning').textContent()).toBe('does not prove');

    expect(await panel.getByTestId('posh-status').getAttribute('data-status')).toBe('verified');
    expect(await panel.getByTestId('certificate-names').textContent()).toContain('hosting.test');
    await screenshotBothThemes(harness, 'security-panel-delegation');
    expect(harness.pageErrors).toEqual([]);
  });

  // One address model: an IDN typed as its A-label is the same account, shown as people write it (U-labels),
  // while POSH was fetched from the A-label's web site. In both themes.
  it.each(['light', 'dark'] as const)('an IDN account typed as its A-label is shown in U-labels (%s theme)', async (colorScheme) => {
    const { harness } = await rig.open({ colorScheme });
    const { page } = harness;

    await addAccountThroughForm(page, 'alice@xn--kln-sna.test', password('alice'), 'alice@köln.test');
    await waitForStage(page, 'online');
    await waitForText(pageBadge(page).locator('.badge__label'), 'Verified · hosted by hosting.test');
    expect(await accountItem(page, 'alice@köln.test').count()).toBe(1);
    expect(await page.getByTestId('account-list').textContent()).not.toContain('xn--');

    const panel = await openSecurity(page);
    // People read the domain as they wrote it; DNS, certificates and the POSH URL use the A-label.
    expect(await panel.getByTestId('verdict-summary').textContent()).toBe('köln.test delegates its chat service to hosting.test (proved by POSH).');
    expect(await panel.locator('[data-testid="delegation-step"][data-kind="domain"]').textContent()).toContain('Written xn--kln-sna.test in DNS and certificates.');
    const posh = panel.locator('[data-testid="delegation-step"][data-kind="posh"]');
    expect(await posh.locator('.chain__label').textContent()).toContain('https://xn--kln-sna.test/.well-known/posh/xmpp-client.json');
    await harness.screenshot(`idn-account-${colorScheme}`);
    expect(harness.pageErrors).toEqual([]);
  });
});
