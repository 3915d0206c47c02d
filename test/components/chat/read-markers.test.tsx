/**
 * Read markers in the window (issue 14): "Read" under our newest message the contact has read, moved by main's
 * events; the window tells main once per newest message of theirs, only while it is focused and visible; and
 * reading on another device lowers the conversation list's unread count.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { conversationsReducer, initialConversations } from '../../../renderer/src/chat/conversations-reducer.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message, PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';
import { BobPane } from './pane.js';

installLayoutStubs();

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s)).toISOString();
const CONVERSATION: ChatMessage[] = [
  message({ id: 'o1', direction: 'out', state: 'delivered', body: 'first of mine', at: at(1) }),
  message({ id: 'i1', direction: 'in', state: 'received', body: 'theirs', at: at(2) }),
  message({ id: 'o2', direction: 'out', state: 'delivered', body: 'second of mine', at: at(3) }),
];

function open(readUpTo: string | null, messages = CONVERSATION) {
  const fake = fakeApi({
    loadHistory: () => ok({ messages, complete: true }),
    getReadPosition: () => ok({ id: readUpTo }),
    markDisplayed: () => ok(null),
  });
  renderWithApi(<BobPane />, fake.api);
  return fake;
}

const readUnder = () => screen.queryAllByTestId('message-read').map((mark) => mark.closest('[data-testid="message"]')?.textContent ?? '');

describe('read markers in the conversation', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes "Read" under the message the contact read up to, and moves it when they read more', async () => {
    const fake = open('o1');
    await waitFor(() => expect(readUnder()).toHaveLength(1));
    expect(readUnder()[0]).toContain('first of mine');
    expect(screen.getByTestId('message-read').textContent).toContain('Read');

    // Another conversation's marker, and our own reading elsewhere, move nothing here.
    fake.emit('readMarkerChanged', { accountId: ACCOUNT_ID, peer: 'carol@example.org', reader: 'contact', id: 'o2' });
    fake.emit('readMarkerChanged', { accountId: ACCOUNT_ID, peer: PEER, reader: 'us', unread: 0 });
    expect(readUnder()[0]).toContain('first of mine');

    fake.emit('readMarkerChanged', { accountId: ACCOUNT_ID, peer: PEER, reader: 'contact', id: 'o2' });
    await waitFor(() => expect(readUnder()[0]).toContain('second of mine'));
    expect(readUnder()).toHaveLength(1);
  });

  it('shows no "Read" while the contact has read nothing', async () => {
    open(null);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(3));
    expect(readUnder()).toEqual([]);
  });

  it('tells main once that the newest message was seen, when the window is focused', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const fake = open(null);
    await waitFor(() => expect(fake.callsOf('markDisplayed')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER }]));
    // Coming back to the window with nothing new tells nothing more.
    act(() => void window.dispatchEvent(new Event('focus')));
    expect(fake.callsOf('markDisplayed')).toHaveLength(1);
  });

  it('a window behind others has not been read: told only when the person comes back to it', async () => {
    const focus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const fake = open(null);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(3));
    expect(fake.callsOf('markDisplayed')).toEqual([]);
    focus.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('focus')));
    expect(fake.callsOf('markDisplayed')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER }]);
  });

  it('nothing of theirs shown: nothing to tell', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const fake = open(null, [CONVERSATION[0]!]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(1));
    expect(fake.callsOf('markDisplayed')).toEqual([]);
  });
});

describe('read on another device, in the conversation list', () => {
  it('lowers the unread count to what main says is left, never raises it', () => {
    const loaded = conversationsReducer(initialConversations, {
      type: 'loaded',
      accountId: ACCOUNT_ID,
      list: [{ peer: PEER, lastMessage: CONVERSATION[1]!, unread: 3 }],
    });
    const conversation = { accountId: ACCOUNT_ID, peer: PEER };
    const lowered = conversationsReducer(loaded, { type: 'unread', conversation, unread: 1 });
    expect(lowered.list[0]?.unread).toBe(1);
    expect(conversationsReducer(lowered, { type: 'unread', conversation, unread: 2 }).list[0]?.unread).toBe(1);
  });
});
