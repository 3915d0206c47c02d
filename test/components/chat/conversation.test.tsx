import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, HistoryPage } from '../../../app/domain/chat.js';
import type { RequestPayload } from '../../../app/ipc/contract.js';
import { ok } from '../../../app/ipc/result.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { history, message, PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { BobPane } from './pane.js';
import { installLayoutStubs, ROW, VIEWPORT } from './layout-stubs.js';

installLayoutStubs();

function open(pages: (p: RequestPayload<'loadHistory'>) => HistoryPage) {
  const fake = fakeApi({
    loadHistory: (p) => ok(pages(p)),
    sendMessage: (p) => ok(message({ id: `sent-${p.body}`, direction: 'out', state: 'sent', body: p.body, at: new Date().toISOString() })),
    sendChatState: () => ok(null),
    openExternal: () => ok(null),
  });
  renderWithApi(<BobPane />, fake.api);
  return fake;
}

const list = () => screen.getByTestId('message-list');
const shownBodies = () => screen.queryAllByTestId('message-body').map((b) => b.textContent);

describe('<ConversationPane>', () => {
  afterEach(() => vi.useRealTimers());

  it('virtualises a long history: 20,000 messages, only a screenful in the DOM, opened at the newest', async () => {
    const all = history(20_000);
    open(() => ({ messages: all, complete: true }));
    await waitFor(() => expect(shownBodies()).toContain('message h19999'));
    const rendered = screen.getAllByTestId('message').length;
    expect(rendered).toBeGreaterThan(VIEWPORT / ROW - 2);
    expect(rendered).toBeLessThan(60);
  });

  it('puts a day separator before the first message of each day', async () => {
    const day1 = history(2, Date.parse('2012-08-01T10:00:00.000Z'), 'a');
    const day2 = history(2, Date.parse('2012-08-02T10:00:00.000Z'), 'b');
    open(() => ({ messages: [...day1, ...day2], complete: true }));
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(4));
    expect(screen.getAllByTestId('day-separator')).toHaveLength(2);
    expect(screen.getByText('This is the beginning of the conversation.')).toBeTruthy();
  });

  it('loads older history with before = the oldest message shown (its local id) when scrolled to the top', async () => {
    const newest = history(30, Date.parse('2012-08-02T09:00:00.000Z'), 'n');
    const older = history(30, Date.parse('2012-08-01T09:00:00.000Z'), 'o');
    const fake = open((p) => (p.before === undefined ? { messages: newest, complete: false } : { messages: older, complete: true }));
    await waitFor(() => expect(shownBodies()).toContain('message n29'));
    expect(fake.callsOf('loadHistory')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER, limit: 50 }]);
    act(() => {
      list().scrollTop = 0;
      fireEvent.scroll(list());
    });
    await waitFor(() => expect(fake.callsOf('loadHistory')).toHaveLength(2));
    expect(fake.callsOf('loadHistory')[1]).toEqual({ accountId: ACCOUNT_ID, peer: PEER, before: 'n0', limit: 50 });
    await waitFor(() => expect(screen.getByText('This is the beginning of the conversation.')).toBeTruthy());
    // Complete now: scrolling to the top again asks nothing more.
    act(() => {
      list().scrollTop = 0;
      fireEvent.scroll(list());
    });
    expect(fake.callsOf('loadHistory')).toHaveLength(2);
  });

  it('adds live messages and delivery updates for this conversation only', async () => {
    const fake = open(() => ({ messages: history(3), complete: true }));
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(3));
    const live: ChatMessage = message({ id: 'live', body: 'new one', at: '2012-08-01T10:00:00.000Z' });
    fake.emit('messageReceived', live);
    fake.emit('messageReceived', { ...live, id: 'other', peer: 'carol@example.org', body: 'not here' });
    await waitFor(() => expect(shownBodies()).toContain('new one'));
    expect(shownBodies()).not.toContain('not here');
    fake.emit('messageUpdated', { accountId: ACCOUNT_ID, id: 'h1', state: 'failed', error: 'Service unavailable.' });
    expect(screen.getAllByTestId('message-state').some((s) => s.textContent?.includes('Not delivered: Service unavailable.'))).toBe(true);
  });

  it("shows the peer's typing state", async () => {
    const fake = open(() => ({ messages: [], complete: true }));
    fake.emit('chatStateChanged', { accountId: ACCOUNT_ID, peer: PEER, state: 'composing' });
    expect(screen.getByTestId('typing-indicator').textContent).toBe('Bob is typing…');
    fake.emit('chatStateChanged', { accountId: ACCOUNT_ID, peer: PEER, state: 'active' });
    expect(screen.getByTestId('typing-indicator').textContent).toBe('');
  });

  it('sends on Enter, makes a new line on Shift+Enter, and shows the sent message', async () => {
    const fake = open(() => ({ messages: [], complete: true }));
    const composer = screen.getByTestId('composer') as HTMLTextAreaElement;
    fireEvent.change(composer, { target: { value: 'first line' } });
    fireEvent.keyDown(composer, { key: 'Enter', shiftKey: true });
    expect(fake.callsOf('sendMessage')).toEqual([]);
    fireEvent.change(composer, { target: { value: 'first line\nsecond' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('sendMessage')).toEqual([{ accountId: ACCOUNT_ID, to: PEER, body: 'first line\nsecond' }]));
    await waitFor(() => expect(composer.value).toBe(''));
    expect(shownBodies()).toContain('first line\nsecond');
  });

  it('sends chat states sparingly: composing once, paused after a quiet spell, active when cleared', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = open(() => ({ messages: [], complete: true }));
    const composer = screen.getByTestId('composer');
    for (const text of ['h', 'he', 'hel', 'hell', 'hello']) fireEvent.change(composer, { target: { value: text } });
    expect(fake.callsOf('sendChatState').map((c) => c.state)).toEqual(['composing']);
    act(() => vi.advanceTimersByTime(5000));
    expect(fake.callsOf('sendChatState').map((c) => c.state)).toEqual(['composing', 'paused']);
    fireEvent.change(composer, { target: { value: '' } });
    expect(fake.callsOf('sendChatState').map((c) => c.state)).toEqual(['composing', 'paused', 'active']);
  });
});
