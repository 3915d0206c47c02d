/**
 * Mentions in the room pane: a message from someone else that names our nickname in the room is highlighted
 * and says so to screen readers (one rule with the main process, app/domain/mention.ts); and the header's
 * "Notify" setting is read from the main process, changed, and put back with the reason when refused.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../app/ipc/result.js';
import { RoomPane } from '../../../renderer/src/rooms/RoomPane.js';
import type { RoomEntry } from '../../../renderer/src/rooms/rooms-reducer.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { renderWithApi } from '../render-with-api.js';
import { ROOM, roomMessage, summary } from './room-fixtures.js';

const entry: RoomEntry = {
  summary: summary({ nick: 'Al.ice' }),
  unread: 0,
  events: 0,
  lines: [
    { kind: 'message', message: roomMessage({ id: 'a', nick: 'bob', body: 'al.ice: can you check?' }) },
    { kind: 'message', message: roomMessage({ id: 'b', nick: 'carol', body: 'the malice of Alxice' }) },
    { kind: 'message', message: roomMessage({ id: 'c', nick: 'Al.ice', direction: 'out', state: 'delivered', body: 'Al.ice is me' }) },
    { kind: 'message', message: roomMessage({ id: 'd', nick: 'dave', body: 'see above', mentionsMe: true }) },
  ],
};

function renderPane(handlers: FakeHandlers = {}) {
  const fake = fakeApi(handlers);
  renderWithApi(<RoomPane entry={entry} account={accountView()} showAccount={false} onSend={async () => null} onLeave={async () => null} onOpenSecurity={() => undefined} />, fake.api);
  return fake;
}

describe('mentions in the room pane', () => {
  it('highlights a message that mentions our nickname, with words for screen readers; not look-alikes, not ours', () => {
    renderPane();
    const [mention, other, mine, marked] = screen.getAllByTestId('room-message') as HTMLElement[];
    expect(mention?.getAttribute('data-mention')).toBe('true');
    expect(mention?.className).toContain('room-message--mention');
    expect(mention?.getAttribute('aria-label')).toMatch(/^bob wrote, mentioning you, /);
    expect(within(mention as HTMLElement).getByText('Mentions you:', { exact: false }).className).toBe('sr-only');
    expect(other?.getAttribute('data-mention')).toBeNull();
    expect(mine?.getAttribute('data-mention')).toBeNull();
    // Marked as a mention by its sender (XEP-0372), though the text does not name us.
    expect(marked?.getAttribute('data-mention')).toBe('true');
    expect(screen.getAllByText('Mentions you:', { exact: false })).toHaveLength(2);
  });

  it('shows the room\'s notification setting from the main process and saves a new choice', async () => {
    const fake = renderPane({
      listRoomNotify: () => ok([{ room: 'other@rooms.example.com', level: 'none' }, { room: ROOM, level: 'all' }]),
      setRoomNotify: () => ok(null),
    });
    const select = screen.getByTestId('room-notify') as HTMLSelectElement;
    expect(screen.getByLabelText('Notify')).toBe(select);
    expect([...select.options].map((o) => o.textContent)).toEqual(['All messages', 'Mentions of me', 'Nothing']);
    await waitFor(() => expect(select.value).toBe('all'));
    fireEvent.change(select, { target: { value: 'none' } });
    await waitFor(() => expect(fake.callsOf('setRoomNotify')).toEqual([{ accountId: entry.summary.accountId, room: ROOM, level: 'none' }]));
    expect(select.value).toBe('none');
    expect(fake.callsOf('listRoomNotify')).toEqual([{ accountId: entry.summary.accountId }]);
  });

  it('starts at mentions for a room with no choice, and puts the choice back with the reason when refused', async () => {
    const fake = renderPane({ listRoomNotify: () => ok([]), setRoomNotify: () => fail('failed', 'That account no longer exists.') });
    const select = screen.getByTestId('room-notify') as HTMLSelectElement;
    await waitFor(() => expect(fake.callsOf('listRoomNotify')).toHaveLength(1));
    expect(select.value).toBe('mentions');
    fireEvent.change(select, { target: { value: 'all' } });
    expect((await screen.findByRole('alert')).textContent).toBe('That account no longer exists.');
    expect(select.value).toBe('mentions');
  });
});
