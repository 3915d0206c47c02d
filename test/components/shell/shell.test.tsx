/**
 * The chat-first window as a user moves through it: one conversation list for every account, the open chat's
 * header, the quick switcher, "Start a chat", settings, Escape, empty states, and the theme preference.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../app/domain/account.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { history, message } from '../fixtures/messages.js';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID, PINNED_VERDICT, PKIX_VERDICT } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

const HOME = accountView({ stage: 'online', endpoint: { host: 'example.com', port: 5222, directTls: false, source: 'srv' }, verdict: PKIX_VERDICT, fullJid: 'alice@example.com/hp', login: { mechanism: 'SCRAM-SHA-256', channelBinding: null } }, PKIX_VERDICT);
const WORK = accountView({ stage: 'offline' }, PINNED_VERDICT, { id: OTHER_ACCOUNT_ID, jid: 'alice@work.example' });
const item = (jid: string, name: string | null): RosterItem => ({ jid, name, groups: [], subscription: 'both', pendingOut: false, approved: false });
const APP_INFO = { name: 'Hostproof', version: '1.2.3', platform: 'linux', dataPath: '/tmp/hp', passwordStorage: 'os-key-store' } as const;

function start(accounts: AccountView[], handlers: FakeHandlers = {}) {
  const fake = fakeApi({
    getInfo: () => ok(APP_INFO),
    listAccounts: () => ok(accounts),
    getRoster: (p) =>
      ok({
        items: p.accountId === ACCOUNT_ID ? [item('bob@example.org', 'Bob Builder'), item('carol@example.org', null)] : [item('dave@work.example', 'Dave')],
        presence: [{ jid: 'bob@example.org', resources: [{ resource: 'phone', show: 'away', status: 'On a train', priority: 0 }] }],
      }),
    listConversations: (p) =>
      ok(
        p.accountId === ACCOUNT_ID
          ? [{ peer: 'bob@example.org', lastMessage: message({ id: 'b1', body: 'See you at noon', at: '2012-09-01T12:00:00.000Z' }), unread: 2 }]
          : [{ peer: 'dave@work.example', lastMessage: message({ id: 'd1', accountId: OTHER_ACCOUNT_ID, peer: 'dave@work.example', body: 'Report is done', at: '2012-09-01T13:00:00.000Z' }), unread: 0 }],
      ),
    loadHistory: () => ok({ messages: history(3), complete: true }),
    markRead: () => ok(null),
    getTrustLog: () => ok([]),
    listPins: () => ok([]),
    listPoshCache: () => ok([]),
    listExtraCas: () => ok([]),
    ...handlers,
  });
  renderWithApi(<App />, fake.api);
  return fake;
}

const rows = () => screen.queryAllByTestId('conversation');
const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(window, { key: k, ...init });

afterEach(() => {
  window.localStorage.clear();
  delete document.documentElement.dataset['theme'];
});

describe('the chat-first window', () => {
  it('lists the conversations of every account together, newest first, by name, with the account and unread count', async () => {
    start([HOME, WORK]);
    await waitFor(() => expect(rows().map((r) => r.dataset['peer'])).toEqual(['dave@work.example', 'bob@example.org']));
    const [dave, bob] = rows() as [HTMLElement, HTMLElement];
    await waitFor(() => expect(within(bob).getByText('Bob Builder')).toBeTruthy());
    expect(within(dave).getByTestId('conversation-account').textContent).toBe('alice@work.example');
    expect(within(bob).getByTestId('unread-count').textContent).toBe('2');
    expect(bob.textContent).not.toContain('bob@example.org');
  });

  it("opens a chat with the contact's name, presence and status, and the identity badge of the account it goes through", async () => {
    const fake = start([HOME, WORK]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(rows()[1] as HTMLElement);
    const header = await screen.findByTestId('conversation-header');
    await waitFor(() => expect(within(header).getByRole('heading').textContent).toBe('Bob Builder'));
    expect(header.textContent).toContain('bob@example.org · Away — On a train');
    expect(header.textContent).toContain('via alice@example.com');
    expect(within(header).getByTestId('identity-badge').textContent).toContain('Verified');
    await waitFor(() => expect(fake.callsOf('markRead')).toContainEqual({ accountId: ACCOUNT_ID, peer: 'bob@example.org' }));
    expect(within(rows()[1] as HTMLElement).queryByTestId('unread-count')).toBeNull();
    // The badge leads to the account's security story in settings.
    fireEvent.click(within(header).getByTestId('identity-badge'));
    // The settings area is a chunk of its own: its first opening loads it (over a second on a busy machine).
    expect(await screen.findByTestId('security-panel', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('Ctrl+K finds a contact that has no conversation yet, by name, and Enter opens the chat', async () => {
    start([HOME]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    key('k', { ctrlKey: true });
    const search = await screen.findByRole('combobox');
    fireEvent.change(search, { target: { value: 'car' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    const header = await screen.findByTestId('conversation-header');
    expect(within(header).getByRole('heading').textContent).toBe('carol');
    expect(screen.queryByRole('combobox')).toBeNull();
    // Ready to write: the composer has the focus.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('composer')));
  });

  it('a chat opened from the contacts joins the list with its newest message once its history is in', async () => {
    start([HOME], {
      loadHistory: (p) => ok({ messages: p.peer === 'carol@example.org' ? [message({ id: 'c1', peer: 'carol@example.org', body: 'Old news from Carol', at: '2012-09-02T09:00:00.000Z' })] : [], complete: true }),
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    key('k', { ctrlKey: true });
    const search = await screen.findByRole('combobox');
    fireEvent.change(search, { target: { value: 'carol' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(rows().map((r) => r.dataset['peer'])).toEqual(['carol@example.org', 'bob@example.org']));
    expect(rows()[0]?.textContent).toContain('Old news from Carol');
    expect(within(rows()[0] as HTMLElement).queryByTestId('unread-count')).toBeNull();
  });

  it('Ctrl+N starts a chat from the open chat’s account, Escape goes back to that chat', async () => {
    start([HOME, WORK]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(rows()[0] as HTMLElement);
    await screen.findByTestId('conversation-header');
    key('n', { ctrlKey: true });
    const startChat = await screen.findByTestId('start-chat');
    expect((within(startChat).getByLabelText('From account') as HTMLSelectElement).value).toBe(OTHER_ACCOUNT_ID);
    await within(startChat).findByText('Dave');
    key('Escape');
    await waitFor(() => expect(screen.queryByTestId('start-chat')).toBeNull());
    expect(within(screen.getByTestId('conversation-header')).getByRole('heading').textContent).toBe('Dave');
  });

  it('Ctrl+, opens the settings; choosing the dark theme applies and keeps it; Escape closes', async () => {
    start([HOME]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    key(',', { ctrlKey: true });
    const preferences = await screen.findByTestId('preferences');
    fireEvent.click(within(preferences).getByLabelText('Dark'));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(window.localStorage.getItem('hostproof.theme')).toBe('dark');
    fireEvent.click(within(preferences).getByLabelText('Same as the system'));
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    expect(window.localStorage.getItem('hostproof.theme')).toBeNull();
    await within(preferences).findByText(/encrypted with your system’s key store/);
    key('Escape');
    await waitFor(() => expect(screen.queryByTestId('settings')).toBeNull());
    expect(screen.getByTestId('chat-empty')).toBeTruthy();
  });

  it('with accounts but no chats, the list leads to "Start a chat"', async () => {
    start([HOME], { listConversations: () => ok([]) });
    const empty = await screen.findByTestId('no-chats');
    fireEvent.click(within(empty).getByRole('button', { name: 'Start a chat with one of your contacts' }));
    expect(await screen.findByTestId('start-chat')).toBeTruthy();
  });

  it('an account still connecting reports no failure for its conversations, and loads them once online', async () => {
    const connecting = accountView({ stage: 'offline' });
    let online = false;
    const fake = start([connecting], {
      listConversations: () =>
        online ? ok([{ peer: 'bob@example.org', lastMessage: message({ id: 'b1', body: 'Hello again' }), unread: 1 }]) : fail('failed', 'This account is not connected. Connect it first.'),
    });
    await screen.findByTestId('no-chats');
    expect(screen.queryByRole('alert')).toBeNull();
    online = true;
    fake.emit('connectionChanged', { accountId: ACCOUNT_ID, state: HOME.connection });
    await waitFor(() => expect(rows().map((r) => r.dataset['peer'])).toEqual(['bob@example.org']));
  });
});
