import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../../renderer/src/chat/conversation-key.js';
import { ConversationList } from '../../../renderer/src/chat/ConversationList.js';
import type { ConversationEntry } from '../../../renderer/src/chat/conversations-reducer.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { nameFor } from '../../../renderer/src/contacts/contact-names.js';
import { message } from '../fixtures/messages.js';
import { ACCOUNT_ID, OTHER_ACCOUNT_ID } from '../fixtures/verdicts.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const peer = (i: number) => `p${i}@example.org`;
const MANY: ConversationEntry[] = Array.from({ length: 3_000 }, (_, i) => ({
  accountId: i % 2 === 0 ? ACCOUNT_ID : OTHER_ACCOUNT_ID,
  peer: peer(i),
  lastMessage: message({ id: `m${i}`, peer: peer(i), direction: i === 0 ? 'out' : 'in', body: `line ${i}`, at: '2012-09-01T12:03:00.000Z' }),
  unread: i === 3 ? 4 : 0,
}));
const NOW = Date.parse('2012-09-01T18:00:00.000Z');
const names = (_account: string, address: string) => (address === peer(1) ? 'Peter One' : nameFor(undefined, address, { jidOrNull }));

describe('<ConversationList> with 3,000 conversations of two accounts', () => {
  it('renders a screenful, as a list whose items say their place in the whole', () => {
    const opened: ConversationRef[] = [];
    render(<ConversationList conversations={MANY} open={{ accountId: OTHER_ACCOUNT_ID, peer: peer(1) }} onOpen={(c) => opened.push(c)} nameOf={names} accountLabel={null} now={NOW} />);
    const shown = screen.getAllByTestId('conversation');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    const items = screen.getByRole('list', { name: 'Conversations' }).querySelectorAll('li');
    expect(items[1]?.getAttribute('aria-posinset')).toBe('2');
    expect(items[1]?.getAttribute('aria-setsize')).toBe('3000');
    expect(shown[1]?.getAttribute('aria-current')).toBe('true');
    fireEvent.click(shown[2] as HTMLElement);
    expect(opened).toEqual([{ accountId: ACCOUNT_ID, peer: peer(2) }]);
  });

  it('shows names rather than addresses, who wrote last, the unread count, and the account only when asked', () => {
    const { rerender } = render(<ConversationList conversations={MANY} open={null} onOpen={() => undefined} nameOf={names} accountLabel={null} now={NOW} />);
    const [mine, named, , unread] = screen.getAllByTestId('conversation') as HTMLElement[];
    expect(within(mine as HTMLElement).getByText('p0').className).toContain('conversation__name');
    expect((mine as HTMLElement).textContent).toContain('You: line 0');
    expect(within(named as HTMLElement).getByText('Peter One')).toBeTruthy();
    expect((named as HTMLElement).textContent).not.toContain('You:');
    expect(within(unread as HTMLElement).getByTestId('unread-count').getAttribute('aria-label')).toBe('4 unread');
    expect(screen.queryAllByTestId('conversation-account')).toHaveLength(0);
    rerender(<ConversationList conversations={MANY} open={null} onOpen={() => undefined} nameOf={names} accountLabel={(id) => (id === ACCOUNT_ID ? 'me@home.example' : 'me@work.example')} now={NOW} />);
    const labels = screen.getAllByTestId('conversation-account').slice(0, 2).map((l) => l.textContent);
    expect(labels).toEqual(['me@home.example', 'me@work.example']);
  });
  it('says a removed newest message was removed, and names a shared file instead of showing its link (issue 14)', () => {
    const few: ConversationEntry[] = [
      { ...(MANY[1] as ConversationEntry), lastMessage: message({ id: 'r', peer: peer(1), direction: 'in', body: '', at: '2012-09-01T12:03:00.000Z', changes: { earlier: [], retracted: true, reactions: [] } }) },
      { ...(MANY[2] as ConversationEntry), lastMessage: message({ id: 'f', peer: peer(2), direction: 'out', body: 'https://up.example/s/1/plans.txt', at: '2012-09-01T12:03:00.000Z', oobUrl: 'https://up.example/s/1/plans.txt' }) },
    ];
    render(<ConversationList conversations={few} open={null} onOpen={() => undefined} nameOf={names} accountLabel={null} now={NOW} />);
    const [removed, shared] = screen.getAllByTestId('conversation') as HTMLElement[];
    expect(removed?.textContent).toContain('Message removed');
    expect(shared?.textContent).toContain('You: Shared a file: plans.txt');
    expect(shared?.textContent).not.toContain('https://');
  });

  it('places rows at an exact height, taller when the account is shown, without measuring them', () => {
    const { rerender } = render(<ConversationList conversations={MANY} open={null} onOpen={() => undefined} nameOf={names} accountLabel={null} now={NOW} />);
    const placed = () => [...screen.getByRole('list', { name: 'Conversations' }).querySelectorAll('li')].slice(0, 3).map((li) => [li.style.height, li.style.transform]);
    expect(placed()).toEqual([
      ['58px', 'translateY(0px)'],
      ['58px', 'translateY(58px)'],
      ['58px', 'translateY(116px)'],
    ]);
    rerender(<ConversationList conversations={MANY} open={null} onOpen={() => undefined} nameOf={names} accountLabel={() => 'me@home.example'} now={NOW} />);
    expect(placed()).toEqual([
      ['78px', 'translateY(0px)'],
      ['78px', 'translateY(78px)'],
      ['78px', 'translateY(156px)'],
    ]);
  });
});
