import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RoomRef } from '../../../renderer/src/rooms/room-ref.js';
import { RoomRows } from '../../../renderer/src/rooms/RoomRows.js';
import { roomKey, roomsReducer, type RoomsState } from '../../../renderer/src/rooms/rooms-reducer.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { ROOM, roomMessage, summary } from './room-fixtures.js';

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
    render(<RoomRows rooms={[...state.values()]} open={null} onOpen={(r) => opened.push(r)} accountLabel={null} />);
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

  it('count nothing for the open room or our own messages, and mark the open room', () => {
    const state = roomsAfter(
      { type: 'listed', accountId: ACCOUNT_ID, rooms: [summary()] },
      { type: 'message', message: roomMessage({ id: 'a' }), open: true },
      { type: 'message', message: roomMessage({ id: 'b', nick: 'alice', direction: 'out', state: 'sent', body: 'mine' }), open: false },
    );
    render(<RoomRows rooms={[...state.values()]} open={{ accountId: ACCOUNT_ID, room: ROOM }} onOpen={() => undefined} accountLabel={null} />);
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
});
