import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../app/ipc/result.js';
import { TrustDecisionHost } from '../../../renderer/src/trust/TrustDecisionHost.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID, decisionRequest, DELEGATED_HOST_VERDICT, KEY_CHANGED_VERDICT, SRV_TO_HOSTING } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

describe('<TrustDecisionHost>', () => {
  it('opens the dialog when main asks, and closes it once the answer is accepted, giving focus back', async () => {
    const fake = fakeApi({ decideTrust: () => ok(null) });
    renderWithApi(
      <>
        <button type="button">Connect</button>
        <TrustDecisionHost accounts={[accountView()]} />
      </>,
      fake.api,
    );
    const trigger = screen.getByRole('button', { name: 'Connect' });
    trigger.focus();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fake.emit('trustDecisionNeeded', decisionRequest(DELEGATED_HOST_VERDICT));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(document.activeElement).toBe(trigger);
  });

  it('asks for a decision already pending in an account state (window opened after the event)', () => {
    const request = decisionRequest(KEY_CHANGED_VERDICT);
    const fake = fakeApi();
    renderWithApi(<TrustDecisionHost accounts={[accountView({ stage: 'awaiting-decision', endpoint: SRV_TO_HOSTING, request })]} />, fake.api);
    expect(screen.getByRole('alertdialog').textContent).toContain('has changed since you pinned it');
  });

  it('drops the request when the connection moves on without it (answered elsewhere or timed out)', () => {
    const fake = fakeApi();
    renderWithApi(<TrustDecisionHost accounts={[accountView()]} />, fake.api);
    fake.emit('trustDecisionNeeded', decisionRequest(DELEGATED_HOST_VERDICT));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    fake.emit('connectionChanged', {
      accountId: ACCOUNT_ID,
      state: { stage: 'failed', error: { kind: 'trust-cancelled', message: 'Cancelled.' }, verdict: DELEGATED_HOST_VERDICT },
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows queued requests one at a time, oldest first', async () => {
    const fake = fakeApi({ decideTrust: () => ok(null) });
    renderWithApi(<TrustDecisionHost accounts={[accountView()]} />, fake.api);
    fake.emit('trustDecisionNeeded', decisionRequest(DELEGATED_HOST_VERDICT, 'first'));
    fake.emit('trustDecisionNeeded', decisionRequest(KEY_CHANGED_VERDICT, 'second'));
    fake.emit('trustDecisionNeeded', decisionRequest(KEY_CHANGED_VERDICT, 'second'));
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
    expect(screen.getByRole('alertdialog').textContent).toContain('could not prove it is the server for example.com');
    fireEvent.click(screen.getByRole('button', { name: 'I understand the risk' }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect once' }));
    await waitFor(() => expect(screen.getByRole('alertdialog').textContent).toContain('has changed since you pinned it'));
    expect(fake.callsOf('decideTrust')).toEqual([{ requestId: 'first', decision: 'connect-once' }]);
  });
});
