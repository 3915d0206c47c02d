import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../app/ipc/result.js';
import type { LoginProtection } from '../../../app/domain/sasl-mechanism.js';
import { SecurityPanel } from '../../../renderer/src/trust/SecurityPanel.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { DELEGATED_HOST_VERDICT, PINNED_VERDICT, POSH_DELEGATED_VERDICT, POSH_SEED_SHA1_VERDICT, RFC_URL, SEED_URL } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

function show(verdict = POSH_DELEGATED_VERDICT) {
  const fake = fakeApi({ getTrustLog: () => ok([]) });
  renderWithApi(<SecurityPanel account={accountView({ stage: 'offline' }, verdict)} />, fake.api);
  return screen.getByTestId('security-panel');
}

describe('<SecurityPanel>', () => {
  it('answers "is it safe, why" first: badge and the verdict summary', () => {
    const panel = show();
    expect(within(panel).getAllByTestId('identity-badge')[0]?.textContent).toContain('Verified · hosted by hosting.example.net');
    expect(screen.getByTestId('verdict-summary').textContent).toBe('example.com delegates its chat service to hosting.example.net (proved by POSH).');
  });

  it('shows the dates inside the engine\'s words in human form, never as ISO text, and no seconds', () => {
    const panel = show(PINNED_VERDICT);
    expect(PINNED_VERDICT.summary).toMatch(/\d{4}-\d{2}-\d{2}/);
    const summary = screen.getByTestId('verdict-summary');
    expect(summary.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(summary.querySelector('time')?.getAttribute('title')).toMatch(/\d{4}/);
    expect(within(panel).getByTestId('delegation-chain').textContent).not.toMatch(/\d{4}-\d{2}-\d{2}T|\d+ s\b/);
  });

  it('shows the delegation chain as a vertical list, each step labelled by what it proves, the SRV step "not authenticated"', () => {
    show();
    const chain = screen.getByTestId('delegation-chain');
    expect(chain.tagName).toBe('OL');
    const steps = within(chain).getAllByTestId('delegation-step');
    expect(steps.map((s) => s.dataset.kind)).toEqual(['domain', 'srv', 'certificate', 'posh', 'fingerprint']);
    const srv = steps.find((s) => s.dataset.kind === 'srv');
    expect(srv?.textContent).toContain('The DNS (SRV) record pointed to hosting.example.net:5222');
    expect(within(srv as HTMLElement).getByTestId('step-meaning').textContent).toBe(
      'not authenticated: anyone on the network path can change it',
    );
    // POSH vouched for the certificate: the certificate itself proves nothing (no authority names example.com).
    const meaning = (kind: string) => steps.find((s) => s.dataset.kind === kind)?.dataset.meaning;
    expect([meaning('domain'), meaning('certificate'), meaning('posh'), meaning('fingerprint')]).toEqual(['start', 'does-not-prove', 'proves', 'proves']);
    expect(screen.getByTestId('delegation-chain').textContent).not.toMatch(/\bauthenticated\b(?!:)/);
  });

  it('never labels a step that does not vouch for the domain as proving it', () => {
    show(DELEGATED_HOST_VERDICT);
    const steps = within(screen.getByTestId('delegation-chain')).getAllByTestId('delegation-step');
    // A trusted certificate for another name, and an HTTPS 404 for POSH: answers, but no proof for example.com.
    const labels = steps.filter((s) => s.dataset.kind === 'certificate' || s.dataset.kind === 'posh').map((s) => within(s).getByTestId('step-meaning').textContent);
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(label).toBe('does not prove');
  });

  it('lists each POSH URL asked with its result', () => {
    show(DELEGATED_HOST_VERDICT);
    const posh = screen.getByTestId('posh-lookups');
    expect(screen.getByTestId('posh-status').dataset.status).toBe('absent');
    const steps = within(posh).getAllByTestId('posh-step');
    expect(steps.map((s) => s.querySelector('.url')?.textContent)).toEqual([RFC_URL, SEED_URL]);
    for (const step of steps) expect(step.textContent).toContain('HTTP 404');
  });

  it('shows a seed-format SHA-1 match as such', () => {
    show(POSH_SEED_SHA1_VERDICT);
    expect(screen.getByTestId('posh-status').textContent).toContain('SHA-1, seed format');
  });

  it('shows every certificate name, the issuer, and both fingerprints, copyable', () => {
    show();
    const cert = screen.getByTestId('certificate-details');
    const names = within(cert).getByTestId('certificate-names').textContent ?? '';
    expect(names).toContain('hosting.example.net');
    expect(names).toContain('xmpp.hosting.example.net');
    expect(within(cert).getByTestId('certificate-issuer').textContent).toContain('CN=Example Trusted Root CA');
    const certificateFp = within(cert).getByTestId('fingerprint-certificate');
    expect(certificateFp.querySelector('code')?.textContent).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    fireEvent.click(within(certificateFp).getByRole('button', { name: 'Base64' }));
    expect(certificateFp.querySelector('code')?.textContent).toContain('blxL FlPE rNWc');
    expect(within(cert).getByRole('button', { name: 'Copy SHA-256 of the public key' })).toBeTruthy();
    expect(within(cert).getByTestId('certificate-chain').querySelectorAll('li')).toHaveLength(2);
  });

  it('explains that nothing was checked before the first connection', () => {
    const fake = fakeApi({ getTrustLog: () => ok([]) });
    renderWithApi(<SecurityPanel account={accountView()} />, fake.api);
    expect(screen.getByTestId('security-panel').textContent).toContain('has not checked this server yet');
  });
});

describe('<SecurityPanel> warnings', () => {
  it('does not list the delegation POSH proved as a problem, but does list SHA-1', () => {
    show(POSH_SEED_SHA1_VERDICT);
    const warnings = screen.getByTestId('verdict-warnings');
    expect(warnings.textContent).toContain('SHA-1');
    expect(warnings.textContent).not.toContain('another name');
  });

  it('lists the other-name certificate as a problem when nothing proved the delegation', () => {
    show(DELEGATED_HOST_VERDICT);
    expect(screen.getByTestId('verdict-warnings').textContent).toContain('The certificate is for another name');
  });

  describe('how the login was protected', () => {
    const online = (login: LoginProtection) => {
      const fake = fakeApi({ getTrustLog: () => ok([]) });
      const state = { stage: 'online', endpoint: POSH_DELEGATED_VERDICT.endpoint, verdict: POSH_DELEGATED_VERDICT, fullJid: 'alice@example.com/hp', login } as const;
      renderWithApi(<SecurityPanel account={accountView(state, POSH_DELEGATED_VERDICT)} />, fake.api);
      return screen.getByTestId('login-protection').textContent;
    };

    it.each([
      [{ mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' }, 'SCRAM-SHA-256 bound to this TLS connection (tls-exporter)'],
      [{ mechanism: 'SCRAM-SHA-1-PLUS', channelBinding: 'tls-unique' }, 'SCRAM-SHA-1 bound to this TLS connection (tls-unique)'],
      [{ mechanism: 'SCRAM-SHA-256', channelBinding: null }, 'SCRAM-SHA-256, not bound to this TLS connection'],
      [{ mechanism: 'PLAIN', channelBinding: null }, 'PLAIN, not bound to this connection'],
    ] as const)('%j → "%s"', (login, headline) => {
      expect(online(login)).toContain(headline);
    });

    it('says nothing about a login while offline: it belonged to a session that is over', () => {
      show();
      expect(screen.queryByTestId('login-protection')).toBeNull();
    });
  });
});
