import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { ConversationList } from '../../../renderer/src/chat/ConversationList.js';
import { message } from '../fixtures/messages.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const peer = (i: number) => `p${i}@example.org`;
const MANY: ConversationSummary[] = Array.from({ length: 3_000 }, (_, i) => ({ peer: peer(i), lastMessage: message({ id: `m${i}`, peer: peer(i) }), unread: 0 }));

describe('<ConversationList> with 3,000 conversations', () => {
  it('renders a screenful, as a list whose items say their place in the whole', () => {
    const opened: string[] = [];
    render(<ConversationList conversations={MANY} open={peer(1)} onOpen={(p) => opened.push(p)} />);
    const shown = screen.getAllByTestId('conversation');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    const items = screen.getByRole('list', { name: 'Conversations' }).querySelectorAll('li');
    expect(items[1]?.getAttribute('aria-posinset')).toBe('2');
    expect(items[1]?.getAttribute('aria-setsize')).toBe('3000');
    expect(shown[1]?.getAttribute('aria-current')).toBe('true');
    fireEvent.click(shown[2] as HTMLElement);
    expect(opened).toEqual([peer(2)]);
  });
});
