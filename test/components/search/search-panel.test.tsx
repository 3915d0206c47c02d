/**
 * The message search as a person uses it: the field focused, typing searched once per pause, results newest
 * first with the matched words marked (as text), arrows and Enter to open, Escape to close, the "In: …" scope,
 * the account and time filters, "More results", and the empty and no-result states.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { SearchHit } from '../../../app/domain/history-search.js';
import type { RequestPayload } from '../../../app/ipc/contract.js';
import { ok } from '../../../app/ipc/result.js';
import { SearchPanel } from '../../../renderer/src/search/SearchPanel.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message, PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';

const HOME = accountView();
const WORK = accountView({ stage: 'offline' }, null, { id: OTHER_ACCOUNT_ID, jid: 'alice@work.example' });
const NAMES: Record<string, string> = { [PEER]: 'Bob Builder', 'carol@example.org': 'Carol' };

const hit = (id: string, peer: string, parts: SearchHit['context'], extra: Partial<ChatMessage> = {}): SearchHit => ({
  message: message({ id, peer, body: parts.map((p) => p.text).join(''), ...extra }),
  context: parts,
});

const HITS: SearchHit[] = [
  hit('m3', PEER, [{ text: 'the ', match: false }, { text: 'harbour', match: true }, { text: ' at six', match: false }], { at: '2012-09-03T18:00:00.000Z' }),
  hit('m2', 'carol@example.org', [{ text: '<b>Harbour</b>', match: true }, { text: ' <img src=x onerror=alert(1)>', match: false }], { at: '2012-09-02T10:00:00.000Z' }),
  hit('m1', PEER, [{ text: 'harbour', match: true }, { text: ' walk?', match: false }], { at: '2012-09-01T09:00:00.000Z', direction: 'out', state: 'delivered' }),
];

function open(options: { scope?: { accountId: string; peer: string } | null; accounts?: typeof HOME[]; answer?: (p: RequestPayload<'searchMessages'>) => { hits: SearchHit[]; more: boolean } } = {}) {
  const fake = fakeApi({ searchMessages: (p) => ok(options.answer?.(p) ?? { hits: HITS, more: false }) });
  const onOpen = vi.fn<(m: ChatMessage) => void>();
  const onClose = vi.fn<() => void>();
  renderWithApi(
    <SearchPanel
      accounts={options.accounts ?? [HOME]}
      scope={options.scope ?? null}
      nameOf={(_, peer) => NAMES[peer] ?? peer}
      accountLabel={(options.accounts?.length ?? 1) > 1 ? (id) => (id === ACCOUNT_ID ? 'alice@example.com' : 'alice@work.example') : null}
      onOpen={onOpen}
      onClose={onClose}
    />,
    fake.api,
  );
  const input = screen.getByRole('combobox', { name: 'Words to find' });
  const type = (text: string) => fireEvent.change(input, { target: { value: text } });
  const press = (key: string) => fireEvent.keyDown(input, { key });
  const results = () => screen.queryAllByTestId('search-result');
  return { fake, onOpen, onClose, input, type, press, results };
}

describe('<SearchPanel>', () => {
  it('opens as a modal with the field focused and says what to do', () => {
    const { input, fake } = open();
    expect(screen.getByRole('dialog', { name: 'Search messages' }).getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole('status').textContent).toBe('Type a word or two to find the messages that hold them.');
    expect(fake.callsOf('searchMessages')).toEqual([]);
  });

  it('searches once typing pauses, and shows the results newest first with the matches marked as text', async () => {
    const { type, fake, results } = open();
    type('h');
    type('ha');
    type('harbour');
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(fake.callsOf('searchMessages')).toEqual([{ text: 'harbour', limit: 20 }]);
    const [first, second, third] = results() as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(first).getByText('Bob Builder')).toBeTruthy();
    expect(first.querySelector('time')?.getAttribute('datetime')).toBe('2012-09-03T18:00:00.000Z');
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['harbour']);
    expect(within(first).getByTestId('search-context').textContent).toBe('the harbour at six');
    // What came from the network stays text: no element made of it.
    expect([...second.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['<b>Harbour</b>']);
    expect(second.querySelector('b, img')).toBeNull();
    expect(within(third).getByTestId('search-context').textContent).toBe('You: harbour walk?');
    expect(screen.getByRole('status').textContent).toBe('3 messages found.');
  });

  it('moves with the arrows, opens with Enter or a click, and closes with Escape', async () => {
    const { type, press, results, onOpen, onClose, input } = open();
    type('harbour');
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(input.getAttribute('aria-activedescendant')).toBe(results()[0]?.id);
    press('ArrowDown');
    press('ArrowDown');
    expect(results()[2]?.getAttribute('aria-selected')).toBe('true');
    press('ArrowDown');
    expect(results()[0]?.getAttribute('aria-selected')).toBe('true');
    press('ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(results()[2]?.id);
    press('Enter');
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'm1', peer: PEER }));
    fireEvent.click(results()[1] as HTMLElement);
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'm2' }));
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('searches the open conversation under an "In:" chip, and all of them once it is removed', async () => {
    const { type, fake, results } = open({ scope: { accountId: ACCOUNT_ID, peer: PEER } });
    expect(screen.getByTestId('search-scope').textContent).toContain('In: Bob Builder');
    type('harbour');
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(fake.callsOf('searchMessages')).toEqual([{ text: 'harbour', limit: 20, accountId: ACCOUNT_ID, peer: PEER }]);
    fireEvent.click(screen.getByRole('button', { name: 'Search all chats instead' }));
    expect(screen.queryByTestId('search-scope')).toBeNull();
    await waitFor(() => expect(fake.callsOf('searchMessages')).toHaveLength(2));
    expect(fake.callsOf('searchMessages')[1]).toEqual({ text: 'harbour', limit: 20 });
  });

  it('filters by account when there are several, and by time', async () => {
    const { type, fake, results } = open({ accounts: [HOME, WORK] });
    type('harbour');
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(within(results()[0] as HTMLElement).getByText('alice@example.com')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), { target: { value: OTHER_ACCOUNT_ID } });
    await waitFor(() => expect(fake.callsOf('searchMessages')).toHaveLength(2));
    expect(fake.callsOf('searchMessages')[1]).toEqual({ text: 'harbour', limit: 20, accountId: OTHER_ACCOUNT_ID });
    const before = Date.now();
    fireEvent.change(screen.getByRole('combobox', { name: 'When' }), { target: { value: 'week' } });
    await waitFor(() => expect(fake.callsOf('searchMessages')).toHaveLength(3));
    const from = Date.parse(fake.callsOf('searchMessages')[2]?.from ?? '');
    expect(before - from).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
    expect(before - from).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
  });

  it('adds the next page with "More results"', async () => {
    const { type, fake, results } = open({ answer: (p) => (p.offset === undefined ? { hits: HITS.slice(0, 2), more: true } : { hits: HITS.slice(2), more: false }) });
    type('harbour');
    await waitFor(() => expect(results()).toHaveLength(2));
    expect(screen.getByRole('status').textContent).toBe('Showing the newest 2 messages found.');
    fireEvent.click(screen.getByRole('button', { name: 'More results' }));
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(fake.callsOf('searchMessages')[1]).toEqual({ text: 'harbour', limit: 20, offset: 2 });
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
  });

  it('says so when nothing is found', async () => {
    const { type } = open({ answer: () => ({ hits: [], more: false }) });
    type('zebra');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No messages found. Try other words, or a longer time.'));
  });
});
