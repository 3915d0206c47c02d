/**
 * The search in the window: Ctrl+Shift+F and Ctrl+F open it (the latter for the open chat), Escape closes only
 * the panel, and opening a result shows the conversation around that message, highlighted, then pages newer
 * as the reader scrolls down until the latest, after which live messages show as usual.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RosterItem } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { installLayoutStubs } from '../chat/layout-stubs.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { history, message, PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID, PKIX_VERDICT } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

installLayoutStubs();

const HOME = accountView({ stage: 'online', endpoint: { host: 'example.com', port: 5222, directTls: false, source: 'srv' }, verdict: PKIX_VERDICT, fullJid: 'alice@example.com/hp', login: { mechanism: 'SCRAM-SHA-256', channelBinding: null } }, PKIX_VERDICT);
const BOB: RosterItem = { jid: PEER, name: 'Bob Builder', groups: [], subscription: 'both', pendingOut: false, approved: false };
/** Bob's conversation: 60 messages; the search finds h20, far from the latest page. */
const ALL = history(60);
const TARGET = ALL[20]!;

function start() {
  const fake = fakeApi({
    getInfo: () => ok({ name: 'Hostproof', version: '1.2.3', platform: 'linux', dataPath: '/tmp/hp', passwordStorage: 'os-key-store' }),
    listAccounts: () => ok([HOME]),
    getRoster: () => ok({ items: [BOB], presence: [] }),
    listConversations: () => ok([{ peer: PEER, lastMessage: ALL.at(-1) ?? null, unread: 0 }]),
    loadHistory: (p) => ok(p.before === undefined ? { messages: ALL.slice(10), complete: false } : { messages: ALL.slice(0, 10), complete: true }),
    markRead: () => ok(null),
    searchMessages: () => ok({ hits: [{ message: TARGET, context: [{ text: 'message ', match: false }, { text: 'h20', match: true }] }], more: false }),
    loadHistoryAround: () => ok({ messages: ALL.slice(0, 41), reachedStart: true, latest: false }),
    loadNewerHistory: () => ok({ messages: ALL.slice(41), latest: true }),
    sendMessage: (p) => ok(message({ id: 'sent', direction: 'out', state: 'sent', body: p.body, at: '2012-08-01T12:00:00.000Z' })),
    sendChatState: () => ok(null),
    listPins: () => ok([]),
    listPoshCache: () => ok([]),
    listExtraCas: () => ok([]),
    getTrustLog: () => ok([]),
  });
  renderWithApi(<App />, fake.api);
  return fake;
}

const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(window, { key: k, ...init });
const bodies = () => screen.queryAllByTestId('message-body').map((b) => b.textContent);
const rowOf = (body: string) => screen.getAllByTestId('message').find((m) => m.textContent?.includes(body))?.closest('.message-list__row');

afterEach(() => window.localStorage.clear());

describe('searching from the window', () => {
  it('Ctrl+Shift+F searches every chat; opening a result shows it highlighted among its neighbours; scrolling down reaches the latest', async () => {
    const fake = start();
    await waitFor(() => expect(screen.queryAllByTestId('conversation')).toHaveLength(1));
    key('F', { ctrlKey: true, shiftKey: true });
    const input = await screen.findByRole('combobox', { name: 'Words to find' });
    expect(screen.queryByTestId('search-scope')).toBeNull();
    fireEvent.change(input, { target: { value: 'h20' } });
    await waitFor(() => expect(screen.queryAllByTestId('search-result')).toHaveLength(1));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByTestId('search-panel')).toBeNull());

    await waitFor(() => expect(bodies()).toContain('message h20'));
    expect(fake.callsOf('loadHistoryAround')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER, id: 'h20', limit: 50 }]);
    expect(fake.callsOf('loadHistory')).toEqual([]);
    expect(rowOf('message h20')?.classList.contains('message-list__row--found')).toBe(true);
    expect(rowOf('message h21')?.classList.contains('message-list__row--found')).toBe(false);

    // A live message while the list stops short of the latest waits: shown after the gap is filled, not before it.
    fake.emit('messageReceived', message({ id: 'live', body: 'just now', at: '2012-08-01T11:00:00.000Z' }));
    expect(bodies()).not.toContain('just now');

    const list = screen.getByTestId('message-list');
    act(() => {
      list.scrollTop = list.scrollHeight - list.clientHeight;
      fireEvent.scroll(list);
    });
    await waitFor(() => expect(fake.callsOf('loadNewerHistory')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER, after: 'h40', limit: 50 }]));
    act(() => {
      list.scrollTop = list.scrollHeight - list.clientHeight;
      fireEvent.scroll(list);
    });
    await waitFor(() => expect(bodies()).toContain('just now'));
    expect(bodies().at(-1)).toBe('just now');
    expect(bodies()).toContain('message h59');
    // At the latest: no more newer pages asked for, live messages follow as usual.
    fake.emit('messageReceived', message({ id: 'live-2', body: 'and again', at: '2012-08-01T11:01:00.000Z' }));
    await waitFor(() => expect(bodies().at(-1)).toBe('and again'));
    expect(fake.callsOf('loadNewerHistory')).toHaveLength(1);
  });

  it('a message sent while reading older history shows the chat from its latest, with the message sent', async () => {
    const fake = start();
    fake.calls.length = 0;
    await waitFor(() => expect(screen.queryAllByTestId('conversation')).toHaveLength(1));
    key('F', { ctrlKey: true, shiftKey: true });
    const input = await screen.findByRole('combobox', { name: 'Words to find' });
    fireEvent.change(input, { target: { value: 'h20' } });
    await waitFor(() => expect(screen.queryAllByTestId('search-result')).toHaveLength(1));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(bodies()).toContain('message h20'));
    const composer = screen.getByTestId('composer');
    fireEvent.change(composer, { target: { value: 'on my way' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('loadHistory')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER, limit: 50 }]));
    await waitFor(() => expect(bodies()).toContain('message h59'));
    // A new pane at the newest page: nothing highlighted any more.
    expect(document.querySelector('.message-list__row--found')).toBeNull();
  });

  it('Ctrl+F (or the header\'s Search) searches the open chat under an "In:" chip; Escape closes the panel and nothing else', async () => {
    const fake = start();
    await waitFor(() => expect(screen.queryAllByTestId('conversation')).toHaveLength(1));
    fireEvent.click(screen.getAllByTestId('conversation')[0] as HTMLElement);
    await screen.findByTestId('conversation-pane');
    key('f', { ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Words to find' });
    expect(screen.getByTestId('search-scope').textContent).toContain('In: Bob Builder');
    fireEvent.change(input, { target: { value: 'h20' } });
    await waitFor(() => expect(fake.callsOf('searchMessages')).toEqual([{ text: 'h20', limit: 20, accountId: ACCOUNT_ID, peer: PEER }]));
    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('search-panel')).toBeNull());
    expect(screen.getByTestId('conversation-pane')).toBeTruthy();
    // The header's button does the same as Ctrl+F.
    fireEvent.click(screen.getByTestId('search-conversation'));
    await screen.findByRole('combobox', { name: 'Words to find' });
    expect(screen.getByTestId('search-scope').textContent).toContain('In: Bob Builder');
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Words to find' }), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('search-panel')).toBeNull());

    // In the settings, Escape closes the panel first; the settings stay until the next one.
    key(',', { ctrlKey: true });
    await screen.findByTestId('settings', {}, { timeout: 5_000 });
    key('F', { ctrlKey: true, shiftKey: true });
    const again = await screen.findByRole('combobox', { name: 'Words to find' });
    fireEvent.keyDown(again, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('search-panel')).toBeNull());
    expect(screen.getByTestId('settings')).toBeTruthy();
  });
});
