/**
 * The trust center's one history across accounts (trust-ux.md "Trust history"): plain events, newest first,
 * filtered by account, by method, to decisions only and to key changes only. Lines are built by the real
 * trustLogEntryFrom from verdicts the real engine decided.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrustDecision } from '../../../app/domain/account.js';
import type { TrustVerdict } from '../../../app/domain/trust.js';
import { trustLogEntryFrom } from '../../../app/domain/trust-log-entry.js';
import type { TrustLogEntry } from '../../../app/domain/trust-records.js';
import { ok } from '../../../app/ipc/result.js';
import { TrustEvents } from '../../../renderer/src/trust/TrustEvents.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { KEY_CHANGED_VERDICT, PINNED_VERDICT, POSH_DELEGATED_VERDICT } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

const ALICE = accountView(undefined, null, { id: '11111111-1111-4111-8111-111111111111', jid: 'alice@im.example.com' });
const BOB = accountView(undefined, null, { id: '22222222-2222-4222-8222-222222222222', jid: 'bob@example.com' });

const line = (verdict: TrustVerdict, at: string, account: string, decision?: TrustDecision): TrustLogEntry =>
  trustLogEntryFrom(verdict, { at, account, decision });

const LOGS: Record<string, TrustLogEntry[]> = {
  [ALICE.settings.id]: [
    line(PINNED_VERDICT, '2026-11-01T10:00:00.000Z', ALICE.settings.id),
    line(KEY_CHANGED_VERDICT, '2026-11-02T10:00:00.000Z', ALICE.settings.id),
    line(KEY_CHANGED_VERDICT, '2026-11-02T10:01:00.000Z', ALICE.settings.id, 'replace-pin'),
  ],
  [BOB.settings.id]: [line(POSH_DELEGATED_VERDICT, '2026-11-03T10:00:00.000Z', BOB.settings.id)],
};

function show() {
  const fake = fakeApi({ getTrustLog: ({ accountId }) => ok(LOGS[accountId] ?? []) });
  renderWithApi(<TrustEvents accounts={[ALICE, BOB]} />, fake.api);
}

const texts = () => screen.getAllByTestId('trust-event').map((e) => `${e.querySelector('.event__account')?.textContent}: ${e.querySelector('.event__text')?.textContent}`);

describe('<TrustEvents>', () => {
  it('lists every account\'s events newest first, in plain words', async () => {
    show();
    await screen.findAllByTestId('trust-event');
    expect(texts()).toEqual([
      `bob@example.com: hosting.example.net:5222 was verified by its domain's POSH statement`,
      "alice@im.example.com: the key of im.example.com's server changed; you replaced the pin",
      "alice@im.example.com: the key of im.example.com's server changed",
      'alice@im.example.com: im.example.com:5222 was verified by your pin',
    ]);
  });

  it('filters by account, by method, to decisions only and to key changes only', async () => {
    show();
    await screen.findAllByTestId('trust-event');
    const filters = screen.getByRole('group', { name: 'Filter the trust history' });
    fireEvent.change(within(filters).getByLabelText('Account'), { target: { value: BOB.settings.id } });
    expect(texts()).toHaveLength(1);
    fireEvent.change(within(filters).getByLabelText('Account'), { target: { value: 'all' } });
    fireEvent.change(within(filters).getByLabelText('Result'), { target: { value: 'pin' } });
    expect(texts()).toEqual(['alice@im.example.com: im.example.com:5222 was verified by your pin']);
    fireEvent.change(within(filters).getByLabelText('Result'), { target: { value: 'any' } });
    fireEvent.click(within(filters).getByLabelText('Key changes only'));
    expect(texts()).toHaveLength(2);
    fireEvent.click(within(filters).getByLabelText('Your decisions only'));
    expect(texts()).toEqual(["alice@im.example.com: the key of im.example.com's server changed; you replaced the pin"]);
    fireEvent.change(within(filters).getByLabelText('Result'), { target: { value: 'posh' } });
    expect(screen.getByTestId('trust-events-empty').textContent).toBe('Nothing matches these filters.');
  });
});
