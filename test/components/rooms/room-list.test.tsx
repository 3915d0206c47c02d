import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RoomRef } from '../../../renderer/src/rooms/room-ref.js';
import { RoomRow } from '../../../renderer/src/rooms/RoomRows.js';
import { roomKey, roomsReducer, type RoomEntry, type RoomsState } from '../../../renderer/src/rooms/rooms-reducer.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { ROOM, roomMessage, summary } from './room-fixtures.js';

const NOW = Date.parse('2012-09-01T18:00:00.000Z');
const only = (state: RoomsState): RoomEntry => [...state.values()][0] as RoomEntry;

function roomsAfter(...steps: Parameters<typeof roomsReducer>[1][]): RoomsState {
  return steps.reduce(roomsReducer, new Map() as RoomsState);
}

describe('room rows in the conversation list', () => {
  it('show the room name, the last message as "nick: text", the unread count, and a room marker', () => {
    const state = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] },
      { type: 'message', message: roomMessage({ id: 'a', body: 'first' }), open: false },
      { type: 'message', message: roomMessage({ id: 'b', nick: 'carol', body: 'second <b>bold</b>' }), open: false },
    );
    const opened: RoomRef[] = [];
    render(<RoomRow entry={only(state)} selected={false} onOpen={(r) => opened.push(r)} account={null} now={NOW} />);
    const row = screen.getByTestId('room-row');
    expect(within(row).getByText('team')).toBeTruthy();
    expect(within(row).getByText('Room', { exact: false }).className).toBe('sr-only');
    // Network text as text: the markup is shown, not made.
    expect(within(row).getByTestId('room-preview').textContent).toBe('carol: second <b>bold</b>');
    expect(row.querySelector('b')).toBeNull();
    expect(within(row).getByTestId('unread-count').textContent).toBe('2');
    fireEvent.click(row);
    expect(opened).toEqual([{ accountId: ACCOUNT_ID, room: ROOM }]);
  });

  it("show the room's own name once it has told it (a 'name' change), its address's local part until then", () => {
    const before = roomsAfter({ type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] });
    const { rerender } = render(<RoomRow entry={only(before)} selected={false} onOpen={() => undefined} account={null} now={NOW} />);
    expect(screen.getByTestId('room-row').querySelector('.conversation__name')?.textContent).toBe('Room team');
    const named = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] },
      { type: 'changed', change: { accountId: ACCOUNT_ID, room: ROOM, kind: 'name', text: null, summary: summary({ name: 'Team <planning>' }) } },
    );
    rerender(<RoomRow entry={only(named)} selected={false} onOpen={() => undefined} account={null} now={NOW} />);
    const row = screen.getByTestId('room-row');
    // Network text, shown as text; no event line is added for it.
    expect(row.querySelector('.conversation__name')?.textContent).toBe('Room Team <planning>');
    expect(row.querySelector('planning')).toBeNull();
    expect(only(named).lines).toEqual([]);
  });

  it('count nothing for the open room or our own messages, and mark the open room', () => {
    const state = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] },
      { type: 'message', message: roomMessage({ id: 'a' }), open: true },
      { type: 'message', message: roomMessage({ id: 'b', nick: 'alice', direction: 'out', state: 'sent', body: 'mine' }), open: false },
    );
    render(<RoomRow entry={only(state)} selected onOpen={() => undefined} account={null} now={NOW} />);
    const row = screen.getByTestId('room-row');
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(within(row).queryByTestId('unread-count')).toBeNull();
    expect(within(row).getByTestId('room-preview').textContent).toBe('You: mine');
  });

  it('keep up with the events: joins and leaves as sentences, delivery, and a room we left goes away', () => {
    let state = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] },
      { type: 'changed', change: { accountId: ACCOUNT_ID, room: ROOM, kind: 'occupants', text: 'Dave joined the room.', summary: summary() } },
      { type: 'message', message: roomMessage({ id: 'mine', direction: 'out', state: 'sent' }), open: true },
      { type: 'updated', accountId: ACCOUNT_ID, update: { room: ROOM, id: 'mine', state: 'delivered', archiveId: 'x1', error: null } },
    );
    const entry = state.get(roomKey(ACCOUNT_ID, ROOM));
    expect(entry?.lines.map((l) => (l.kind === 'event' ? l.text : l.message.state))).toEqual(['Dave joined the room.', 'delivered']);
    state = roomsReducer(state, { type: 'changed', change: { accountId: ACCOUNT_ID, room: ROOM, kind: 'left', text: 'You left the room.', summary: null } });
    expect(state.size).toBe(0);
  });
  it("keep a delivery that comes before the send's answer, and apply it when our message is shown", () => {
    const state = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] },
      // The room passed our message back before the window had the answer to its send.
      { type: 'updated', accountId: ACCOUNT_ID, update: { room: ROOM, id: 'mine', state: 'delivered', archiveId: 'x1', error: null } },
      { type: 'message', message: roomMessage({ id: 'mine', direction: 'out', state: 'sent' }), open: true },
    );
    const entry = state.get(roomKey(ACCOUNT_ID, ROOM));
    expect(entry?.lines.map((l) => (l.kind === 'message' ? [l.message.state, l.message.archiveId] : null))).toEqual([['delivered', 'x1']]);
    expect(entry?.early?.size ?? 0).toBe(0);
  });

  // rooms: mentions and notifications
  it('mark unread mentions of our nickname with "@" beside the count, until the room is read', () => {
    let state = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary({ nick: 'alice' })] },
      { type: 'message', message: roomMessage({ id: 'a', body: 'the malice of it' }), open: false },
    );
    const { rerender } = render(<RoomRow entry={only(state)} selected={false} onOpen={() => undefined} account={null} now={NOW} />);
    expect(screen.queryByTestId('room-mention')).toBeNull();
    state = roomsReducer(state, { type: 'message', message: roomMessage({ id: 'b', body: 'ALICE: look' }), open: false });
    state = roomsReducer(state, { type: 'message', message: roomMessage({ id: 'c', body: 'alice?' }), open: false });
    rerender(<RoomRow entry={only(state)} selected={false} onOpen={() => undefined} account={null} now={NOW} />);
    const marker = screen.getByTestId('room-mention');
    expect(marker.textContent).toBe('@');
    expect(marker.getAttribute('aria-label')).toBe('2 mentions of you');
    expect(screen.getByTestId('unread-count').textContent).toBe('3');
    // Read (opened): no count, no marker; a mention while the room is open counts for nothing.
    state = roomsReducer(state, { type: 'read', accountId: ACCOUNT_ID, room: ROOM });
    state = roomsReducer(state, { type: 'message', message: roomMessage({ id: 'd', body: 'alice, thanks' }), open: true });
    rerender(<RoomRow entry={only(state)} selected onOpen={() => undefined} account={null} now={NOW} />);
    expect(screen.queryByTestId('room-mention')).toBeNull();
    expect(screen.queryByTestId('unread-count')).toBeNull();
  });
});
