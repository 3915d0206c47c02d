/**
 * The window's start: the accounts and their conversation lists asked for before the first render, so the
 * first render shows the list; events that come before the window subscribes are handed over, once.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { loadWindowStart, WindowStartProvider, type WindowStart } from '../../../renderer/src/shell/window-start.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { message } from '../fixtures/messages.js';
import { ACCOUNT_ID, PKIX_VERDICT } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

const OFFLINE = accountView({ stage: 'offline' });
const ONLINE: AccountView = accountView(
  { stage: 'online', endpoint: { host: 'example.com', port: 5222, directTls: false, source: 'srv' }, verdict: PKIX_VERDICT, fullJid: 'alice@example.com/hp', login: { mechanism: 'SCRAM-SHA-256', channelBinding: null } },
  PKIX_VERDICT,
);
const BOB = { peer: 'bob@example.org', lastMessage: message({ id: 'b1', peer: 'bob@example.org', body: 'See you at noon' }), unread: 0 };

function world(handlers: FakeHandlers = {}) {
  return fakeApi({
    listAccounts: () => ok([OFFLINE]),
    listConversations: () => ok([BOB]),
    markRead: () => ok(null),
    getRoster: () => ok({ items: [], presence: [] }),
    ...handlers,
  });
}

const renderStarted = (fake: ReturnType<typeof world>, start: WindowStart | null) =>
  renderWithApi(
    <WindowStartProvider value={start}>
      <App />
    </WindowStartProvider>,
    fake.api,
  );

describe("the window's start", () => {
  it('has the accounts and each one\'s conversations, and the first render shows them without asking again', async () => {
    const fake = world();
    const start = await loadWindowStart(fake.api);
    expect(start?.accounts).toEqual({ ok: true, value: [OFFLINE] });
    renderStarted(fake, start);
    // In the first render: no waiting for a request.
    expect(screen.getAllByTestId('conversation').map((r) => r.dataset['peer'])).toEqual(['bob@example.org']);
    expect(fake.callsOf('listAccounts')).toHaveLength(1);
    expect(fake.callsOf('listConversations')).toEqual([{ accountId: ACCOUNT_ID }]);
  });

  it('hands the window a message that came between the answers and its first render', async () => {
    const fake = world();
    const start = await loadWindowStart(fake.api);
    fake.emit('messageReceived', message({ id: 'b2', peer: 'bob@example.org', body: 'Running late', at: '2012-09-01T12:05:00.000Z' }));
    renderStarted(fake, start);
    const row = await screen.findByTestId('conversation');
    await waitFor(() => expect(within(row).getByText('Running late')).toBeTruthy());
    expect(within(row).getByTestId('unread-count').textContent).toBe('1');
  });

  it('hands the window a connection change that came between the answers and its first render', async () => {
    const fake = world();
    const start = await loadWindowStart(fake.api);
    fake.emit('connectionChanged', { accountId: ACCOUNT_ID, state: ONLINE.connection });
    renderStarted(fake, start);
    await waitFor(() => expect(screen.getByTestId('account-item').textContent).toContain('Online'));
  });

  it('hands each kind of event over once, and stops listening when all are taken', async () => {
    const fake = world();
    const start = await loadWindowStart(fake.api);
    if (start === null) throw new Error('no start');
    fake.emit('messageReceived', message({ id: 'b2' }));
    expect(start.take(['messageReceived'])).toHaveLength(1);
    expect(start.take(['messageReceived'])).toEqual([]);
    fake.emit('messageReceived', message({ id: 'b3' }));
    expect(start.take(['messageReceived'])).toEqual([]);
    expect(fake.listenerCount('accountsChanged')).toBe(1);
    start.take(['accountsChanged', 'connectionChanged']);
    expect(fake.listenerCount('accountsChanged')).toBe(0);
    expect(fake.listenerCount('messageReceived')).toBe(0);
  });

  it('gives up after the wait when the answers do not come (the window then asks itself), and stops listening', async () => {
    const fake = world({ listAccounts: () => new Promise(() => undefined) });
    expect(await loadWindowStart(fake.api, 10)).toBeNull();
    expect(fake.listenerCount('connectionChanged')).toBe(0);
  });

  it('a failed account list is shown as the failure it is', async () => {
    const fake = world({ listAccounts: () => fail('failed', 'The account file is damaged.') });
    const start = await loadWindowStart(fake.api);
    renderStarted(fake, start);
    expect(screen.getByRole('alert').textContent).toContain('The account file is damaged.');
    expect(fake.callsOf('listConversations')).toEqual([]);
  });
});
