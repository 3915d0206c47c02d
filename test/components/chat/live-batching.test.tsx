import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../app/ipc/result.js';
import { App } from '../../../renderer/src/App.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { manualFrames } from '../fixtures/manual-frames.js';
import { history, message, PEER } from '../fixtures/messages.js';
import { renderWithApi } from '../render-with-api.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const CAROL = 'carol@example.org';
const DAVE = 'dave@example.org';

async function openChat() {
  const frames = manualFrames();
  const fake = fakeApi({
    listAccounts: () => ok([accountView({ stage: 'offline' })]),
    getRoster: () => ok({ items: [], presence: [] }),
    listConversations: () =>
      ok([
        { peer: PEER, lastMessage: message({ id: 'b', at: '2012-09-01T12:03:00.000Z' }), unread: 0 },
        { peer: CAROL, lastMessage: message({ id: 'c', peer: CAROL, at: '2012-09-01T12:02:00.000Z' }), unread: 0 },
        { peer: DAVE, lastMessage: message({ id: 'd', peer: DAVE, at: '2012-09-01T12:01:00.000Z' }), unread: 0 },
      ]),
    loadHistory: () => ok({ messages: history(10), complete: true }),
    markRead: () => ok(null),
  });
  renderWithApi(<App />, fake.api, frames.scheduler);
  await waitFor(() => expect(peersShown()).toEqual([PEER, CAROL, DAVE]));
  fireEvent.click(screen.getAllByTestId('conversation')[0] as HTMLElement);
  return { fake, frames };
}

const peersShown = () => screen.queryAllByTestId('conversation').map((c) => c.getAttribute('data-peer'));

describe('live messages are handled once per frame', () => {
  it('100 messages for the open conversation in one frame: one read marker, all shown after the frame', async () => {
    const { fake, frames } = await openChat();
    await waitFor(() => expect(screen.getAllByTestId('message').length).toBeGreaterThan(0));
    const readsBefore = fake.callsOf('markRead').length;
    for (let i = 0; i < 100; i++) {
      fake.emit('messageReceived', message({ id: `live${i}`, body: `live ${i}`, at: new Date(Date.parse('2012-09-01T13:00:00.000Z') + i * 1000).toISOString() }));
    }
    // Nothing is applied or marked before the frame: the events wait for it together.
    expect(fake.callsOf('markRead')).toHaveLength(readsBefore);
    frames.frame();
    expect(fake.callsOf('markRead')).toHaveLength(readsBefore + 1);
    await waitFor(() => expect(screen.getAllByTestId('message-body').map((b) => b.textContent)).toContain('live 99'));
  });

  it('a message from the last conversation moves it to the top, the others keep their order', async () => {
    const { fake, frames } = await openChat();
    fake.emit('messageReceived', message({ id: 'd2', peer: DAVE, body: 'hi', at: '2012-09-01T14:00:00.000Z' }));
    frames.frame();
    expect(peersShown()).toEqual([DAVE, PEER, CAROL]);
    expect(screen.getAllByTestId('unread-count').map((u) => u.textContent)).toEqual(['1']);
  });
});
