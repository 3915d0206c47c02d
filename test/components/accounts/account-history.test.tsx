/**
 * An account's history in its settings: "Clear history…" deletes after confirmation and says how much went;
 * removing the account asks what becomes of its history (delete is the main choice, keeping it is offered).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../app/ipc/result.js';
import { AccountHistory } from '../../../renderer/src/accounts/AccountHistory.js';
import { RemoveAccountDialog } from '../../../renderer/src/accounts/RemoveAccountDialog.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

describe('an account\'s history on this computer', () => {
  it('is cleared only after confirmation, and the list is told', async () => {
    const fake = fakeApi({ clearAccountHistory: () => ok({ removed: 42 }) });
    let cleared = 0;
    renderWithApi(<AccountHistory account={accountView()} onCleared={() => (cleared += 1)} />, fake.api);
    fireEvent.click(screen.getByRole('button', { name: 'Clear history…' }));
    const confirm = screen.getByTestId('clear-history-confirm');
    expect(confirm.textContent).toContain('Clear all history of alice@example.com?');
    expect(confirm.textContent).toContain('Your server may still keep messages in its archive');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsOf('clearAccountHistory')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Clear history…' }));
    fireEvent.click(within(screen.getByTestId('clear-history-confirm')).getByRole('button', { name: 'Clear history' }));
    await waitFor(() => expect(cleared).toBe(1));
    expect(fake.callsOf('clearAccountHistory')).toEqual([{ accountId: ACCOUNT_ID }]);
    expect(screen.getByRole('status').textContent).toBe('Deleted 42 messages from this computer.');
  });

  it('says when the server keeps no archive', () => {
    renderWithApi(<AccountHistory account={{ ...accountView(), serverKeepsArchive: false }} onCleared={() => undefined} />, fakeApi().api);
    expect(screen.getByTestId('account-history').textContent).toContain('Your server keeps no message archive');
  });

  it('removing the account: Cancel has focus; "keep history" and "delete with it" are both offered', () => {
    const chosen: boolean[] = [];
    let cancelled = 0;
    renderWithApi(
      <RemoveAccountDialog jid="alice@example.com" busy={false} error={null} onRemove={(d) => chosen.push(d)} onCancel={() => (cancelled += 1)} />,
      fakeApi().api,
    );
    const dialog = screen.getByTestId('remove-account-confirm');
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(dialog.textContent).toContain('Its message history on this computer is deleted too, unless you keep it.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove, keep history' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove account and history' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(chosen).toEqual([false, true]);
    expect(cancelled).toBe(1);
  });
});
