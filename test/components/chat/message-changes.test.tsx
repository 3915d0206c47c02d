/**
 * Message changes in the conversation pane (issue 14), with the fake API: a corrected message shows its new
 * text and an "edited" mark that opens the earlier versions; a removed one says so; reactions show with counts
 * and who reacted; a reply shows its original's start and jumps to it, and no quote when the original is not
 * there; the menu sends a reaction, a retraction and a reply; Up in the empty composer edits our last message.
 * Nothing from the network becomes markup.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, HistoryPage } from '../../../app/domain/chat.js';
import { ok } from '../../../app/ipc/result.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { message, PEER } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { BobPane } from './pane.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();
const OWN = 'alice@example.com';

const theirs = message({ id: 'in-1', stanzaId: 'sid-in-1', body: 'Shall we meet <b>at noon</b>?', at: '2012-09-01T12:00:00.000Z' });
const mine = message({ id: 'out-1', direction: 'out', state: 'delivered', stanzaId: 'sid-out-1', originId: 'sid-out-1', body: 'Yes, at noon', at: '2012-09-01T12:01:00.000Z' });

function open(messages: readonly ChatMessage[]) {
  const fake = fakeApi({
    loadHistory: () => ok<HistoryPage>({ messages, complete: true }),
    sendChatState: () => ok(null),
    changeMessage: (p) => {
      const target = messages.find((m) => m.id === p.id) ?? mine;
      if (p.change.kind === 'react') return ok({ ...target, changes: { earlier: [], retracted: false, reactions: [{ sender: OWN, emojis: p.change.emojis }] } });
      if (p.change.kind === 'retract') return ok({ ...target, body: '', changes: { earlier: [], retracted: true, reactions: [] } });
      return ok({ ...target, body: p.change.body, changes: { earlier: [{ body: target.body, replacedAt: '2012-09-01T12:05:00.000Z', by: 'c1' }], retracted: false, reactions: [] } });
    },
    sendReply: (p) => ok(message({ id: 'reply-1', direction: 'out', state: 'sent', body: p.body, at: '2012-09-01T12:10:00.000Z', replyTo: { id: 'sid-in-1', to: PEER, fallback: '> x\n' } })),
  });
  renderWithApi(<BobPane />, fake.api);
  return fake;
}

/** The message whose own text (not a quote of it) is `text`. */
const item = (text: string) => {
  const found = screen.getAllByTestId('message').find((m) => within(m).queryAllByTestId('message-body').some((b) => b.textContent === text));
  if (!found) throw new Error(`no message "${text}"`);
  return found;
};

describe('message changes in a conversation', () => {
  it('a correction from the contact shows the new text, "edited", and the earlier version on request', async () => {
    const fake = open([theirs, mine]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(2));
    act(() => fake.emit('messageChanged', { ...theirs, body: 'Shall we meet at one?', changes: { earlier: [{ body: theirs.body, replacedAt: '2012-09-01T12:03:00.000Z', by: 'x' }], retracted: false, reactions: [] } }));
    await waitFor(() => expect(item('Shall we meet at one?')).toBeTruthy());
    const edited = within(item('Shall we meet at one?')).getByTestId('edited-mark');
    fireEvent.click(edited);
    // The earlier text is shown as text: the markup in it is not markup.
    expect(within(item('Shall we meet at one?')).getByTestId('earlier-versions').textContent).toContain('Shall we meet <b>at noon</b>?');
    expect(document.querySelector('b')).toBeNull();
  });

  it('a removed message says so; reactions show with counts and who reacted', async () => {
    const fake = open([theirs, mine]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(2));
    act(() => {
      fake.emit('messageChanged', { ...theirs, body: '', changes: { earlier: [], retracted: true, reactions: [] } });
      fake.emit('messageChanged', { ...mine, changes: { earlier: [], retracted: false, reactions: [{ sender: PEER, emojis: ['👍', '😂'] }, { sender: OWN, emojis: ['👍'] }] } });
    });
    await waitFor(() => expect(screen.getByTestId('message-removed').textContent).toBe('This message was removed.'));
    const reactions = within(item('Yes, at noon')).getAllByTestId('reaction');
    expect(reactions.map((r) => r.textContent)).toEqual(['👍 2', '😂 1']);
    expect(reactions[0]?.getAttribute('title')).toBe('Bob, You');
    expect(reactions[0]?.getAttribute('aria-pressed')).toBe('true');
  });

  it('a reply shows the start of its original and jumps to it; a reply to an unknown message shows no quote', async () => {
    const reply = message({ id: 'in-2', body: 'About that', at: '2012-09-01T12:02:00.000Z', replyTo: { id: 'sid-out-1', to: OWN, fallback: null } });
    const orphan = message({ id: 'in-3', body: 'And this', at: '2012-09-01T12:03:00.000Z', replyTo: { id: 'nobody-knows', to: OWN, fallback: null } });
    open([theirs, mine, reply, orphan]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(4));
    const quote = within(item('About that')).getByTestId('reply-quote');
    expect(quote.textContent).toBe('YouYes, at noon');
    fireEvent.click(quote);
    await waitFor(() => expect(item('Yes, at noon').closest('.message-list__row--found')).not.toBeNull());
    expect(within(item('And this')).queryByTestId('reply-quote')).toBeNull();
  });

  // A long walk through the menu and composer: more than the default 5 s on a busy machine.
  it('the menu reacts; Up in the empty composer edits our last message; the menu removes it, and replies to theirs', { timeout: 20_000 }, async () => {
    const fake = open([theirs, mine]);
    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(2));
    fireEvent.click(within(item('Shall we meet <b>at noon</b>?')).getByTestId('message-menu'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'React…' }));
    fireEvent.click(within(screen.getByTestId('reaction-picker')).getByRole('menuitem', { name: '❤️' }));
    await waitFor(() => expect(fake.callsOf('changeMessage')).toEqual([{ accountId: ACCOUNT_ID, peer: PEER, id: 'in-1', change: { kind: 'react', emojis: ['❤️'] } }]));
    const composer = screen.getByTestId('composer');
    fireEvent.keyDown(composer, { key: 'ArrowUp' });
    expect(screen.getByTestId('compose-mode').textContent).toContain('Editing your message');
    expect((composer as HTMLTextAreaElement).value).toBe('Yes, at noon');
    fireEvent.change(composer, { target: { value: 'Yes, at one' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('changeMessage').at(-1)).toEqual({ accountId: ACCOUNT_ID, peer: PEER, id: 'out-1', change: { kind: 'correct', body: 'Yes, at one' } }));
    await waitFor(() => expect(item('Yes, at one')).toBeTruthy());

    fireEvent.click(within(item('Yes, at one')).getByTestId('message-menu'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Remove for everyone' }));
    await waitFor(() => expect(fake.callsOf('changeMessage').at(-1)?.change).toEqual({ kind: 'retract' }));

    // Their message offers no edit or removal.
    fireEvent.click(within(item('Shall we meet <b>at noon</b>?')).getByTestId('message-menu'));
    expect(screen.queryByRole('menuitem', { name: 'Edit' })).toBeNull();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Reply' }));
    expect(screen.getByTestId('compose-mode').textContent).toContain('Replying to Bob');
    fireEvent.change(composer, { target: { value: 'Noon is fine' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('sendReply')).toEqual([{ accountId: ACCOUNT_ID, to: PEER, body: 'Noon is fine', replyTo: 'in-1' }]));
    await waitFor(() => expect(screen.queryByTestId('compose-mode')).toBeNull());
    await waitFor(() => expect((composer as HTMLTextAreaElement).value).toBe(''));
  });
});
