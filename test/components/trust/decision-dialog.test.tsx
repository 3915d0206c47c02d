import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrustDecision, TrustDecisionRequest } from '../../../app/domain/account.js';
import { ok } from '../../../app/ipc/result.js';
import { TrustDecisionDialog } from '../../../renderer/src/trust/TrustDecisionDialog.js';
import { DOMAIN_CERT, SELF_SIGNED_DOMAIN_CERT } from '../fixtures/certificates.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { decisionRequest, DELEGATED_HOST_VERDICT, KEY_CHANGED_VERDICT, POSH_MISMATCH_VERDICT, UNTRUSTED_VERDICT } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

function open(request: TrustDecisionRequest) {
  const fake = fakeApi({ decideTrust: () => ok(null) });
  const decided: Array<[string, TrustDecision]> = [];
  renderWithApi(<TrustDecisionDialog request={request} onDecided={(id, d) => decided.push([id, d])} />, fake.api);
  const dialog = screen.getByRole('alertdialog');
  return { fake, decided, dialog };
}

function actionLabels(dialog: HTMLElement): string[] {
  return within(dialog)
    .getAllByRole('button')
    .filter((b) => b.dataset.decision !== undefined)
    .map((b) => b.textContent ?? '');
}

// trust-ux.md "The decision dialog": one case per undecided reason.
const CASES = [
  {
    reason: 'delegated-host',
    request: decisionRequest(DELEGATED_HOST_VERDICT),
    headline: 'hosting.example.net could not prove it is the server for example.com',
    paragraph: [/valid, but for hosting\.example\.net and xmpp\.hosting\.example\.net, not for example\.com/, /POSH/, /read your password/],
    actions: ['Cancel', 'Connect once', 'Pin this key for example.com'],
    tone: 'dialog--warning',
  },
  {
    reason: 'untrusted-certificate',
    request: decisionRequest(UNTRUSTED_VERDICT),
    headline: 'The server at im.example.com:5222 could not prove it is the server for im.example.com',
    paragraph: [/self-signed/, /attacker/, /compare it with the ones below/],
    actions: ['Cancel', 'Connect once', 'Pin this key for im.example.com'],
    tone: 'dialog--warning',
  },
  {
    reason: 'key-changed',
    request: decisionRequest(KEY_CHANGED_VERDICT),
    headline: "The key of im.example.com's server has changed since you pinned it",
    paragraph: [/You pinned a key for im\.example\.com on .*2012/, /attacker/, /Cancel unless/],
    actions: ['Cancel', 'Connect once', 'Replace the pinned key'],
    tone: 'dialog--danger',
  },
  {
    reason: 'posh-mismatch',
    request: decisionRequest(POSH_MISMATCH_VERDICT),
    headline: 'example.com says hosting.example.net is not its server',
    paragraph: [/published on its own web site/, /contradicts this server/, /attacker/],
    actions: ['Cancel', 'Connect once', 'Pin this key for example.com'],
    tone: 'dialog--danger',
  },
] as const;

describe('<TrustDecisionDialog>', () => {
  describe.each(CASES)('for $reason', ({ request, headline, paragraph, actions, tone }) => {
    it('shows a tailored headline and paragraph, says nothing was sent, and labels the dialog with them', () => {
      const { dialog } = open(request);
      expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe(headline);
      const text = screen.getByTestId('decision-paragraph').textContent ?? '';
      for (const pattern of paragraph) expect(text).toMatch(pattern);
      expect(dialog.textContent).toContain('Nothing has been sent to this server yet, not even your user name.');
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(headline);
      expect(dialog.className).toContain(tone);
    });

    it('offers Cancel first and focused, then the other actions', () => {
      const { dialog } = open(request);
      expect(actionLabels(dialog)).toEqual(actions);
      expect(document.activeElement?.textContent).toBe('Cancel');
    });

    it('shows the delegation story and the certificate summary', () => {
      const { dialog } = open(request);
      const steps = within(dialog).getAllByTestId('delegation-step');
      expect(steps.map((s) => s.dataset.kind)).toEqual(request.verdict.delegation.map((s) => s.kind));
      const fingerprints = within(dialog).getByTestId('certificate-details');
      expect(within(fingerprints).getByTestId('fingerprint-certificate').querySelector('code')?.dataset.value).toBe(request.verdict.certificate.sha256);
      expect(within(fingerprints).getByTestId('fingerprint-key').querySelector('code')?.dataset.value).toBe(request.verdict.certificate.spkiSha256);
    });

    it('answers "cancel" when Escape is pressed', async () => {
      const { dialog, fake, decided } = open(request);
      fireEvent.keyDown(dialog, { key: 'Escape' });
      await waitFor(() => expect(decided).toEqual([[request.requestId, 'cancel']]));
      expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'cancel' }]);
    });
  });

  it('sends "connect-once" for Connect once', async () => {
    const request = decisionRequest(DELEGATED_HOST_VERDICT);
    const { fake, decided } = open(request);
    fireEvent.click(screen.getByRole('button', { name: 'Connect once' }));
    await waitFor(() => expect(decided).toEqual([[request.requestId, 'connect-once']]));
    expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'connect-once' }]);
  });

  it('sends "pin" for Pin this key', async () => {
    const request = decisionRequest(UNTRUSTED_VERDICT);
    const { fake } = open(request);
    fireEvent.click(screen.getByRole('button', { name: 'Pin this key for im.example.com' }));
    await waitFor(() => expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'pin' }]));
  });

  it('keeps Tab inside the dialog', () => {
    const { dialog } = open(decisionRequest(DELEGATED_HOST_VERDICT));
    const buttons = within(dialog).getAllByRole('button');
    const last = buttons[buttons.length - 1];
    last?.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(last);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('keeps the dialog open and explains when the answer cannot be delivered', async () => {
    const request = decisionRequest(DELEGATED_HOST_VERDICT);
    const fake = fakeApi({ decideTrust: () => ({ ok: false, error: { code: 'failed', message: 'That request has expired.' } }) });
    const decided: string[] = [];
    renderWithApi(<TrustDecisionDialog request={request} onDecided={(id) => decided.push(id)} />, fake.api);
    fireEvent.click(screen.getByRole('button', { name: 'Connect once' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That request has expired.');
    expect(decided).toEqual([]);
  });

  describe('key changed: the second confirmation', () => {
    const request = decisionRequest(KEY_CHANGED_VERDICT);

    it('does not replace on the first click, and shows old and new fingerprints side by side', () => {
      const { fake } = open(request);
      fireEvent.click(screen.getByRole('button', { name: 'Replace the pinned key' }));
      expect(fake.callsOf('decideTrust')).toEqual([]);
      const confirm = screen.getByTestId('replace-pin-confirm');
      const oldSide = within(confirm).getByTestId('old-key');
      const newSide = within(confirm).getByTestId('new-key');
      const values = (el: HTMLElement) => [...el.querySelectorAll('code')].map((c) => c.dataset.value);
      expect(values(oldSide)).toEqual([DOMAIN_CERT.spkiSha256, DOMAIN_CERT.sha256]);
      expect(values(newSide)).toEqual([SELF_SIGNED_DOMAIN_CERT.spkiSha256, SELF_SIGNED_DOMAIN_CERT.sha256]);
      expect(document.activeElement?.textContent).toBe('Go back');
    });

    it('sends "replace-pin" only after the second confirmation', async () => {
      const { fake, decided } = open(request);
      fireEvent.click(screen.getByRole('button', { name: 'Replace the pinned key' }));
      const confirm = screen.getByTestId('replace-pin-confirm');
      fireEvent.click(within(confirm).getByRole('button', { name: 'Replace the pinned key' }));
      await waitFor(() => expect(decided).toEqual([[request.requestId, 'replace-pin']]));
      expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'replace-pin' }]);
    });

    it('goes back with Escape, with Cancel focused again, and a second Escape cancels', async () => {
      const { fake, decided } = open(request);
      fireEvent.click(screen.getByRole('button', { name: 'Replace the pinned key' }));
      fireEvent.keyDown(screen.getByTestId('replace-pin-confirm'), { key: 'Escape' });
      expect(screen.queryByTestId('replace-pin-confirm')).toBeNull();
      expect(fake.callsOf('decideTrust')).toEqual([]);
      expect(document.activeElement?.textContent).toBe('Cancel');
      fireEvent.keyDown(screen.getByTestId('trust-decision-dialog'), { key: 'Escape' });
      await waitFor(() => expect(decided).toEqual([[request.requestId, 'cancel']]));
    });
  });

  it('renders hostile certificate text as text', () => {
    const request = decisionRequest({
      ...DELEGATED_HOST_VERDICT,
      certificate: { ...DELEGATED_HOST_VERDICT.certificate, issuer: '<script>alert(1)</script>', names: { dns: ['<img src=x onerror=alert(1)>'], srv: [], xmppAddr: [], commonNames: [] } },
    });
    const { dialog } = open(request);
    expect(dialog.querySelector('script, img')).toBeNull();
    expect(dialog.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(screen.getByTestId('certificate-issuer').textContent).toContain('<script>alert(1)</script>');
  });
});
