/**
 * A room's history in the window (issue 13): opening a room shows what is stored on this computer, merged with
 * the live lines in time order, each message once (whether it came live, from the room's archive after the
 * join, or from the stored page); the room's history page is asked for with the room's address.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { ok } from '../../../app/ipc/result.js';
import { RoomPane } from '../../../renderer/src/rooms/RoomPane.js';
import { mergeMessages, roomKey, type RoomLine } from '../../../renderer/src/rooms/rooms-reducer.js';
import { useRooms } from '../../../renderer/src/rooms/use-rooms.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { ROOM, roomMessage, summary } from './room-fixtures.js';

/** The open room as the window shows it: the rooms hook over the API, and the pane for the open room. */
const ACCOUNTS = [ACCOUNT_ID];
const OPEN = { accountId: ACCOUNT_ID, room: ROOM };

function OpenRoom({ api }: { readonly api: HostproofApi }) {
  const { rooms } = useRooms(api, ACCOUNTS, true, OPEN);
  const entry = rooms.get(roomKey(ACCOUNT_ID, ROOM));
  if (!entry) return null;
  return <RoomPane entry={entry} account={accountView()} showAccount={false} onSend={async () => null} onLeave={async () => null} onOpenSecurity={() => undefined} />;
}

const at = (minute: number) => `2026-11-01T12:${String(minute).padStart(2, '0')}:00.000Z`;
const shownBodies = () => screen.getAllByTestId('room-message').map((m) => within(m).getByTestId('message-body').textContent);

describe('a room opened with its history', () => {
  it('shows the stored history, merged with what comes live and from the archive, each message once and in time order', async () => {
    const stored = [
      roomMessage({ id: 's1', nick: 'bob', body: 'from last week', at: at(1), archiveId: 'a1' }),
      roomMessage({ id: 's2', nick: 'alice', direction: 'out', state: 'delivered', body: 'mine, <b>stored</b>', at: at(2), archiveId: 'a2' }),
      roomMessage({ id: 's3', nick: 'carol', body: 'latest stored', at: at(3), archiveId: 'a3' }),
    ];
    const fake = fakeApi({
      listJoinedRooms: () => ok([summary()]),
      loadRoomHistory: () => ok({ messages: stored, complete: true }),
    });
    renderWithApi(<OpenRoom api={fake.api} />, fake.api);
    await waitFor(() => expect(shownBodies()).toEqual(['from last week', 'mine, <b>stored</b>', 'latest stored']));
    expect(fake.callsOf('loadRoomHistory')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, limit: 100 }]);
    // Network text stays text.
    expect(document.querySelector('b')).toBeNull();

    // A live message, then the room's archive brings one older than it (said while we were away).
    fake.emit('roomMessageReceived', roomMessage({ id: 'l1', nick: 'bob', body: 'live now', at: at(9), archiveId: 'a9' }));
    fake.emit('roomMessageReceived', roomMessage({ id: 'l2', nick: 'dave', body: 'while you were away', at: at(5), archiveId: 'a5' }));
    expect(shownBodies()).toEqual(['from last week', 'mine, <b>stored</b>', 'latest stored', 'while you were away', 'live now']);
    // The same message again (the same local id): shown once.
    fake.emit('roomMessageReceived', stored[2]!);
    expect(shownBodies()).toHaveLength(5);
    const nicks = screen.getAllByTestId('room-message').map((m) => within(m).getByTestId('room-nick').textContent);
    expect(nicks).toEqual(['bob', 'You', 'carol', 'dave', 'bob']);
  });

  it('merges a page into the lines: known messages (same id, or same room archive id) are not added; events keep their place', () => {
    const lines: RoomLine[] = [
      { kind: 'message', message: roomMessage({ id: 'x', body: 'x', at: at(2), archiveId: 'ax' }) },
      { kind: 'event', id: 'event-1', text: 'Dave joined the room.' },
      { kind: 'message', message: roomMessage({ id: 'y', body: 'y', at: at(6), archiveId: null }) },
    ];
    const merged = mergeMessages(lines, [
      roomMessage({ id: 'older', body: 'older', at: at(1) }),
      roomMessage({ id: 'other-local-id', body: 'x again', at: at(2), archiveId: 'ax' }),
      roomMessage({ id: 'y', body: 'y again', at: at(6) }),
      roomMessage({ id: 'between', body: 'between', at: at(4) }),
    ]);
    expect(merged.map((l) => (l.kind === 'event' ? l.text : l.message.body))).toEqual(['older', 'x', 'Dave joined the room.', 'between', 'y']);
    expect(mergeMessages(lines, [])).toBe(lines);
  });
});
