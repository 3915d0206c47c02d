import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { MessageList } from '../../../renderer/src/chat/MessageList.js';
import { formatLongDay } from '../../../renderer/src/common/format-time.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message, PEER } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const MINUTE = 60_000;
const AT = Date.parse('2012-08-01T10:00:00.000Z');
const at = (id: string, minutes: number, extra: Partial<ChatMessage> = {}) =>
  message({ id, body: `body ${id}`, at: new Date(AT + minutes * MINUTE).toISOString(), ...extra });

function show(messages: readonly ChatMessage[], peerName = 'Bob Builder') {
  renderWithApi(<MessageList messages={messages} peerName={peerName} complete loading={false} onReachTop={() => undefined} />, fakeApi({}).api);
}

const articles = () => screen.getAllByTestId('message');
const article = (body: string) => {
  const found = articles().find((a) => within(a).getByTestId('message-body').textContent === body);
  if (!found) throw new Error(`no message "${body}"`);
  return found;
};
const senders = () => screen.queryAllByTestId('message-sender').map((s) => s.textContent);
const times = () => [...document.querySelectorAll('[data-testid="message"] time')].map((t) => t.getAttribute('datetime'));

describe('<MessageList> groups', () => {
  afterEach(() => vi.useRealTimers());

  it("shows bob's name and the time once for three messages within two minutes, and again for one ten minutes later", async () => {
    const messages = [at('a', 0), at('b', 1), at('c', 2), at('d', 12)];
    show(messages);
    await waitFor(() => expect(articles()).toHaveLength(4));
    expect(senders()).toEqual(['Bob Builder', 'Bob Builder']);
    expect(within(article('body a')).queryByTestId('message-sender')).not.toBeNull();
    expect(within(article('body d')).queryByTestId('message-sender')).not.toBeNull();
    // The time under each group's last message, with the full date for a hover.
    expect(times()).toEqual([messages[2]?.at, messages[3]?.at]);
    expect(article('body c').querySelector('time')?.getAttribute('title')).toContain('2012');
    // Every message still says who wrote it to a screen reader.
    expect(articles().map((a) => a.getAttribute('aria-label')?.startsWith('Bob Builder wrote'))).toEqual([true, true, true, true]);
  });

  it('names our own groups "You" and falls back to the address when the contact has no name', async () => {
    show([at('a', 0), at('b', 1, { direction: 'out', state: 'delivered' })], '');
    await waitFor(() => expect(articles()).toHaveLength(2));
    expect(senders()).toEqual([PEER, 'You']);
    expect(article('body b').getAttribute('aria-label')).toMatch(/^You wrote/);
  });

  it('writes "Delivered" once per delivered run but keeps data-state on every message, and each failure under its message', async () => {
    const out = { direction: 'out', state: 'delivered' } as const;
    show([at('a', 0, out), at('b', 1, out), at('c', 2, { ...out, state: 'failed', error: 'Service unavailable.' }), at('d', 3, out)]);
    await waitFor(() => expect(articles()).toHaveLength(4));
    expect(articles().map((a) => a.dataset['state'])).toEqual(['delivered', 'delivered', 'failed', 'delivered']);
    // a and b: one run of "Delivered", said under b (the state changes after it); c's failure under c; d ends the group.
    expect(within(article('body a')).queryByTestId('message-state')).toBeNull();
    expect(within(article('body b')).getByTestId('message-state').textContent).toBe('Delivered');
    expect(within(article('body c')).getByTestId('message-state').textContent).toBe('Not delivered: Service unavailable.');
    expect(within(article('body d')).getByTestId('message-state').textContent).toBe(' · Delivered');
    // One group, one time: only the last message has one.
    expect(times()).toHaveLength(1);
  });

  it('says "from another device" once, where the time of a group of carbons is', async () => {
    const carbon = { direction: 'out', state: 'sent', carbon: true } as const;
    show([at('a', 0, carbon), at('b', 1, carbon)]);
    await waitFor(() => expect(articles()).toHaveLength(2));
    expect(screen.getAllByText(/from another device/)).toHaveLength(1);
    expect(within(article('body b')).getByText(/from another device/)).toBeTruthy();
  });

  it('heads each day as people say it, with the full date in the title', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Wednesday 18 November 2026, a quarter past nine in the morning, local time.
    vi.setSystemTime(new Date(2026, 10, 18, 9, 15));
    const day = (id: string, year: number, month: number, date: number, hour = 12) => message({ id, body: `body ${id}`, at: new Date(year, month - 1, date, hour).toISOString() });
    const messages = [day('a', 2025, 11, 3), day('b', 2026, 11, 3), day('c', 2026, 11, 16), day('d', 2026, 11, 17), day('e', 2026, 11, 18, 8)];
    show(messages);
    await waitFor(() => expect(articles()).toHaveLength(5));
    const separators = screen.getAllByTestId('day-separator');
    expect(separators.map((s) => s.textContent)).toEqual(['3 November 2025', 'Tuesday 3 November', 'Monday', 'Yesterday', 'Today']);
    expect(separators.map((s) => s.getAttribute('role'))).toEqual(Array(5).fill('separator'));
    expect(separators[4]?.getAttribute('title')).toBe(formatLongDay(messages[4]?.at ?? ''));
  });
});
