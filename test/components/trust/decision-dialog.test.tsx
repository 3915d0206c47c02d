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
    consequence: [/^Someone who can alter your DNS answers .* read your password/, /valid, but for hosting\.example\.net and xmpp\.hosting\.example\.net, not for example\.com/, /POSH/],
    deciding: 'certificate',
    overrides: ['Connect once', 'Pin this key for example.com'],
    safe: ['Cancel'],
    tone: 'dialog--warning',
  },
  {
    reason: 'untrusted-certificate',
    request: decisionRequest(UNTRUSTED_VERDICT),
    headline: 'The server at im.example.com:5222 could not prove it is the server for im.example.com',
    consequence: [/^An attacker .* read your password/, /self-signed/],
    deciding: 'certificate',
    overrides: ['Connect once', 'Pin this key for im.example.com'],
    safe: ['Cancel'],
    tone: 'dialog--warning',
  },
  {
    reason: 'key-changed',
    request: decisionRequest(KEY_CHANGED_VERDICT),
    headline: "The key of im.example.com's server has changed since you pinned it",
    consequence: [/^This is exactly what an attacker .* read your password/, /You pinned another key for im\.example\.com on .*2012/],
    deciding: 'pin',
    overrides: ['Connect once', 'Replace the pinned key'],
    safe: ['Cancel'],
    tone: 'dialog--danger',
  },
  {
    reason: 'posh-mismatch',
    request: decisionRequest(POSH_MISMATCH_VERDICT),
    headline: 'example.com says hosting.example.net is not its server',
    consequence: [/^Someone who redirected your connection .* read your password/, /on its own web site/],
    deciding: 'posh',
    overrides: [],
    safe: ['Cancel', 'Check again'],
    tone: 'dialog--danger',
  },
] as const;

/** At most two sentences (trust-ux.md); dots inside names like "example.com" do not end one. */
function sentences(text: string): number {
  return text.split(/[.!?](?:\s|$)/).filter((part) => part.trim() !== '').length;
}

describe('<TrustDecisionDialog>', () => {
  describe.each(CASES)('for $reason', ({ request, headline, consequence, deciding, overrides, safe, tone }) => {
    it('shows a plain headline, then at most two sentences with the consequence first, and says nothing was sent', () => {
      const { dialog } = open(request);
      expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe(headline);
      const text = screen.getByTestId('decision-consequence').textContent ?? '';
      for (const pattern of consequence) expect(text).toMatch(pattern);
      expect(sentences(text)).toBeLessThanOrEqual(2);
      expect(dialog.textContent).toContain('Nothing has been sent to this server yet, not even your user name.');
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(headline);
      expect(dialog.className).toContain(tone);
    });

    it('shows the deciding step above the actions, and keeps the chain and the certificate collapsed', () => {
      const { dialog } = open(request);
      const decidingStep = within(screen.getByTestId('deciding-step')).getByTestId('delegation-step');
      expect(decidingStep.dataset.kind).toBe(deciding);
      const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
      expect(screen.getByTestId('deciding-step').compareDocumentPosition(cancel) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      for (const id of ['chain-disclosure', 'certificate-disclosure']) expect((screen.getByTestId(id) as HTMLDetailsElement).open).toBe(false);
    });

    it('offers Cancel as the filled, focused primary; the overrides only behind "I understand the risk"', () => {
      const { dialog } = open(request);
      expect(actionLabels(dialog)).toEqual(safe);
      expect(document.activeElement?.textContent).toBe('Cancel');
      expect(document.activeElement?.className).toContain('button--primary');
      const disclosure = within(dialog).queryByRole('button', { name: 'I understand the risk' });
      if (overrides.length === 0) {
        expect(disclosure).toBeNull();
        return;
      }
      expect(disclosure?.getAttribute('aria-expanded')).toBe('false');
      fireEvent.click(disclosure as HTMLElement);
      expect(disclosure?.getAttribute('aria-expanded')).toBe('true');
      expect(actionLabels(dialog)).toEqual([...safe, ...overrides]);
    });

    it('shows the delegation story and the certificate summary', () => {
      const { dialog } = open(request);
      const steps = within(screen.getByTestId('delegation-chain')).getAllByTestId('delegation-step');
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

  function takeTheRisk() {
    fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
  }

  it('sends "connect-once" for Connect once', async () => {
    const request = decisionRequest(DELEGATED_HOST_VERDICT);
    const { fake, decided } = open(request);
    takeTheRisk();
    fireEvent.click(screen.getByRole('button', { name: 'Connect once' }));
    await waitFor(() => expect(decided).toEqual([[request.requestId, 'connect-once']]));
    expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'connect-once' }]);
  });

  it('sends "pin" for Pin this key', async () => {
    const request = decisionRequest(UNTRUSTED_VERDICT);
    const { fake } = open(request);
    takeTheRisk();
    fireEvent.click(screen.getByRole('button', { name: 'Pin this key for im.example.com' }));
    await waitFor(() => expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'pin' }]));
  });

  describe('a POSH mismatch', () => {
    const request = decisionRequest(POSH_MISMATCH_VERDICT);

    it('has no override anywhere in the dialog, and says whom to contact', () => {
      const { dialog } = open(request);
      const labels = within(dialog).getAllByRole('button').map((b) => b.textContent ?? '');
      for (const forbidden of [/Connect once/, /Pin this key/, /Replace/, /understand the risk/]) expect(labels.some((l) => forbidden.test(l))).toBe(false);
      expect(screen.getByTestId('decision-contact').textContent).toMatch(/contact the people who run example\.com .*https:\/\/example\.com\/\.well-known\/posh\/xmpp-client\.json/);
    });

    it('"Check again" sends check-again', async () => {
      const { fake, decided } = open(request);
      fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
      await waitFor(() => expect(decided).toEqual([[request.requestId, 'check-again']]));
      expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'check-again' }]);
    });
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
    fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect once' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That request has expired.');
    expect(decided).toEqual([]);
  });

  describe('key changed: the second confirmation', () => {
    const request = decisionRequest(KEY_CHANGED_VERDICT);

    function askToReplace() {
      fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
      fireEvent.click(screen.getByRole('button', { name: 'Replace the pinned key' }));
    }

    it('does not replace on the first click, and shows old and new fingerprints side by side', () => {
      const { fake } = open(request);
      askToReplace();
      expect(fake.callsOf('decideTrust')).toEqual([]);
      const confirm = screen.getByTestId('replace-pin-confirm');
      const oldSide = within(confirm).getByTestId('old-key');
      const newSide = within(confirm).getByTestId('new-key');
      const values = (el: HTMLElement) => [...el.querySelectorAll('code')].map((c) => c.dataset.value);
      expect(values(oldSide)).toEqual([DOMAIN_CERT.spkiSha256, DOMAIN_CERT.sha256]);
      expect(values(newSide)).toEqual([SELF_SIGNED_DOMAIN_CERT.spkiSha256, SELF_SIGNED_DOMAIN_CERT.sha256]);
      expect(document.activeElement?.textContent).toBe('Go back');
    });

    it('highlights the groups in which the two keys differ, in either format', () => {
      open(request);
      askToReplace();
      const confirm = screen.getByTestId('replace-pin-confirm');
      const marked = (side: string) => [...within(confirm).getByTestId(side).querySelectorAll('.fingerprint')][0]?.querySelectorAll('mark') ?? [];
      const hexGroups = marked('old-key').length;
      expect(hexGroups).toBeGreaterThan(0);
      expect(marked('new-key').length).toBe(hexGroups);
      fireEvent.click(within(within(confirm).getByTestId('new-key')).getAllByRole('button', { name: 'Base64' })[0] as HTMLElement);
      // Both sides switch together, so the highlighted groups still line up.
      expect(within(confirm).getByTestId('old-key').querySelector('code')?.dataset.format).toBe('base64');
      expect(marked('old-key').length).toBe(marked('new-key').length);
      expect(screen.getByTestId('differing-count').textContent).toMatch(/differ in (\d+ of 11 groups|every group)/);
    });

    it('sends "replace-pin" only after the domain is typed', async () => {
      const { fake, decided } = open(request);
      askToReplace();
      const confirm = screen.getByTestId('replace-pin-confirm');
      const replace = within(confirm).getByRole('button', { name: 'Replace the pinned key' }) as HTMLButtonElement;
      expect(replace.disabled).toBe(true);
      const typed = within(confirm).getByLabelText(/To replace the pin, type/);
      fireEvent.change(typed, { target: { value: 'im.example.co' } });
      expect(replace.disabled).toBe(true);
      fireEvent.click(replace);
      expect(fake.callsOf('decideTrust')).toEqual([]);
      fireEvent.change(typed, { target: { value: ' IM.Example.com ' } });
      expect(replace.disabled).toBe(false);
      fireEvent.click(replace);
      await waitFor(() => expect(decided).toEqual([[request.requestId, 'replace-pin']]));
      expect(fake.callsOf('decideTrust')).toEqual([{ requestId: request.requestId, decision: 'replace-pin' }]);
    });

    it('goes back with Escape, with Cancel focused again, and a second Escape cancels', async () => {
      const { fake, decided } = open(request);
      askToReplace();
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
