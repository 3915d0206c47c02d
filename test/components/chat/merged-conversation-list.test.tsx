/**
 * Rooms and 1:1 chats in one conversation list, newest activity first: a room goes where its newest message
 * puts it among the chats, a room where nothing was said yet goes on top, the "#" marker stays, and rooms that
 * arrive after the first render keep the selection where it was.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConversationList } from '../../../renderer/src/chat/ConversationList.js';
import type { ConversationEntry } from '../../../renderer/src/chat/conversations-reducer.js';
import { mergeByActivity } from '../../../renderer/src/chat/sidebar-rows.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { nameFor } from '../../../renderer/src/contacts/contact-names.js';
import type { RoomRef } from '../../../renderer/src/rooms/room-ref.js';
import type { RoomEntry } from '../../../renderer/src/rooms/rooms-reducer.js';
import { message } from '../fixtures/messages.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { roomMessage, summary } from '../rooms/room-fixtures.js';
import { installLayoutStubs } from './layout-stubs.js';

installLayoutStubs();

const NOW = Date.parse('2012-09-01T18:00:00.000Z');
const chat = (peer: string, at: string): ConversationEntry => ({ accountId: ACCOUNT_ID, peer, lastMessage: message({ id: peer, peer, body: `from ${peer}`, at }), unread: 0 });
const room = (name: string, at: string | null): RoomEntry => ({
  summary: summary({ room: `${name}@rooms.example.com` }),
  unread: 0,
  events: 0,
  lines: at === null ? [] : [{ kind: 'message', message: roomMessage({ id: `${name}-m`, room: `${name}@rooms.example.com`, body: `in ${name}`, at }) }],
});

const CHATS = [chat('ann@example.com', '2012-09-01T17:00:00.000Z'), chat('ben@example.com', '2012-09-01T15:00:00.000Z'), chat('cat@example.com', '2012-09-01T09:00:00.000Z')];
const ROOMS = [room('old', '2012-08-30T10:00:00.000Z'), room('busy', '2012-09-01T16:00:00.000Z'), room('new', null)];

/** Each row as the list shows it, top to bottom: "#name" for a room, the address for a chat. */
const order = () =>
  [...document.querySelectorAll('[data-testid="conversation"], [data-testid="room-row"]')].map((row) =>
    row.getAttribute('data-testid') === 'room-row' ? `#${row.getAttribute('data-room')?.split('@')[0]}` : (row.getAttribute('data-peer') ?? ''),
  );

describe('one conversation list for rooms and chats', () => {
  it('puts rooms among the chats by last activity, newest first, a room with nothing said yet on top', () => {
    const rows = mergeByActivity(CHATS, ROOMS);
    expect(rows.map((r) => (r.kind === 'room' ? `#${r.entry.summary.room.split('@')[0]}` : r.entry.peer))).toEqual([
      '#new', 'ann@example.com', '#busy', 'ben@example.com', 'cat@example.com', '#old',
    ]);
    // Without rooms, the chats as they came.
    expect(mergeByActivity(CHATS, []).map((r) => r.entry)).toEqual(CHATS);
  });

  it('renders them in that order with the room marker, opens either kind, and keeps the selection when rooms arrive later', () => {
    const openedChats: string[] = [];
    const openedRooms: RoomRef[] = [];
    const props = {
      conversations: CHATS,
      open: { accountId: ACCOUNT_ID, peer: 'ben@example.com' },
      onOpen: (c: { peer: string }) => openedChats.push(c.peer),
      nameOf: (_a: string, address: string) => nameFor(undefined, address, { jidOrNull }),
      accountLabel: null,
      now: NOW,
      onOpenRoom: (r: RoomRef) => openedRooms.push(r),
      openRoom: null,
    };
    // The first render: the rooms are not there yet (they are asked for after the first screen).
    const { rerender } = render(<ConversationList {...props} rooms={[]} />);
    expect(order()).toEqual(['ann@example.com', 'ben@example.com', 'cat@example.com']);
    const selected = () => document.querySelector('[aria-current="true"]')?.getAttribute('data-peer');
    expect(selected()).toBe('ben@example.com');

    rerender(<ConversationList {...props} rooms={ROOMS} />);
    expect(order()).toEqual(['#new', 'ann@example.com', '#busy', 'ben@example.com', 'cat@example.com', '#old']);
    expect(selected()).toBe('ben@example.com');
    const rows = screen.getAllByTestId('room-row');
    expect(rows.every((r) => r.querySelector('.room-marker')?.textContent === '#')).toBe(true);
    expect(screen.getByRole('list', { name: 'Conversations' }).querySelector('li')?.getAttribute('aria-setsize')).toBe('6');

    fireEvent.click(rows[1] as HTMLElement);
    expect(openedRooms).toEqual([{ accountId: ACCOUNT_ID, room: 'busy@rooms.example.com' }]);
    fireEvent.click(screen.getAllByTestId('conversation')[0] as HTMLElement);
    expect(openedChats).toEqual(['ann@example.com']);

    // A new message in the old room moves it to the top; the open room is marked.
    const livelier = [room('old', '2012-09-01T17:30:00.000Z'), ROOMS[1] as RoomEntry, ROOMS[2] as RoomEntry];
    rerender(<ConversationList {...props} open={null} rooms={livelier} openRoom={{ accountId: ACCOUNT_ID, room: 'old@rooms.example.com' }} />);
    expect(order()).toEqual(['#new', '#old', 'ann@example.com', '#busy', 'ben@example.com', 'cat@example.com']);
    expect(document.querySelector('[aria-current="true"]')?.getAttribute('data-room')).toBe('old@rooms.example.com');
  });
});
