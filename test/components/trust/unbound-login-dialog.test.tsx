/**
 * The channel-binding question (posh.md §7.5): an account that logged in bound before cannot bind now. It
 * comes through the same request as a server-identity decision, and the host shows its own dialog: plain
 * words, Cancel primary and focused (and what Escape does), "Log in without channel binding" only behind
 * "I understand the risk".
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrustDecisionRequest } from '../../../app/domain/account.js';
import { ok } from '../../../app/ipc/result.js';
import { TrustDecisionHost } from '../../../renderer/src/trust/TrustDecisionHost.js';
import { UnboundLoginDialog } from '../../../renderer/src/trust/UnboundLoginDialog.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID, PKIX_VERDICT, SRV_TO_OWN } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

const QUESTION = { previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256', reason: 'the server no longer offers a channel-bound login method' } as const;
const REQUEST: TrustDecisionRequest = {
  requestId: 'unbound-1',
  accountId: ACCOUNT_ID,
  verdict: PKIX_VERDICT,
  previousPin: null,
  choices: ['cancel', 'log-in-unbound'],
  unboundLogin: QUESTION,
};

describe('<UnboundLoginDialog> through <TrustDecisionHost>', () => {
  it('says what happened in plain words, with Cancel focused and the way forward hidden behind the risk disclosure', () => {
    const fake = fakeApi();
    renderWithApi(<TrustDecisionHost accounts={[accountView({ stage: 'awaiting-decision', endpoint: SRV_TO_OWN, request: REQUEST })]} />, fake.api);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.getAttribute('data-testid')).toBe('unbound-login-dialog');
    expect(screen.getByTestId('decision-consequence').textContent).toBe(
      "im.example.com's server no longer offers to bind your login to this connection. It did last time. " +
        "Someone on the network path could be stripping it (a downgrade attack), or the server's settings changed.",
    );
    // Not the certificate story: the server's identity was verified.
    expect(dialog.textContent).not.toContain('The certificate and its fingerprints');
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(screen.queryByRole('button', { name: 'Log in without channel binding' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
    expect(screen.getByTestId('unbound-explanation').textContent).toContain('SCRAM-SHA-256-PLUS');
    expect(screen.getByTestId('unbound-explanation').textContent).toContain('the server no longer offers a channel-bound login method');
    expect(screen.getByRole('button', { name: 'Log in without channel binding' })).toBeTruthy();
  });

  it('sends the answer and closes once main accepted it', async () => {
    const fake = fakeApi({ decideTrust: () => ok(null) });
    renderWithApi(<TrustDecisionHost accounts={[accountView()]} />, fake.api);
    fake.emit('trustDecisionNeeded', REQUEST);
    fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log in without channel binding' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(fake.callsOf('decideTrust')).toEqual([{ requestId: 'unbound-1', decision: 'log-in-unbound' }]);
  });

  it('Escape means Cancel', async () => {
    const fake = fakeApi({ decideTrust: () => ok(null) });
    const decided: string[] = [];
    renderWithApi(<UnboundLoginDialog request={REQUEST} question={QUESTION} onDecided={(_id, decision) => decided.push(decision)} />, fake.api);
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    await waitFor(() => expect(decided).toEqual(['cancel']));
    expect(fake.callsOf('decideTrust')).toEqual([{ requestId: 'unbound-1', decision: 'cancel' }]);
  });

  it('stays open and explains when main did not take the answer (its own confirmation declined)', async () => {
    const fake = fakeApi({ decideTrust: () => ({ ok: false, error: { code: 'failed', message: 'You did not confirm this change.' } }) });
    const decided: string[] = [];
    renderWithApi(<UnboundLoginDialog request={REQUEST} question={QUESTION} onDecided={(id) => decided.push(id)} />, fake.api);
    fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log in without channel binding' }));
    expect((await screen.findByRole('alert')).textContent).toContain('You did not confirm this change.');
    expect(decided).toEqual([]);
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });
});
