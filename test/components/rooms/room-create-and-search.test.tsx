import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Bookmark, PublicRoom, RoomSummary } from '../../../app/domain/rooms.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { BookmarkToggle } from '../../../renderer/src/rooms/BookmarkToggle.js';
import { JoinRoomDialog } from '../../../renderer/src/rooms/JoinRoomDialog.js';
import { filterRooms, localPartFromName } from '../../../renderer/src/rooms/room-search.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { ROOM, summary } from './room-fixtures.js';

const SERVICE = 'rooms.example.com';
const PUBLIC: PublicRoom[] = [
  { room: `book-club@${SERVICE}`, name: 'Book club' },
  { room: `team@${SERVICE}`, name: 'The team' },
  { room: `chess@${SERVICE}`, name: null },
];
const bookmark = (room: string, overrides: Partial<Bookmark> = {}): Bookmark => ({ room, name: null, autojoin: false, nick: null, password: null, ...overrides });

function renderDialog(handlers: FakeHandlers, props: { isJoined?: (accountId: string, room: string) => boolean; creating?: boolean } = {}) {
  const fake = fakeApi({ listRoomServices: () => ok([SERVICE]), listPublicRooms: () => ok(PUBLIC), listBookmarks: () => ok([]), ...handlers });
  const joined: RoomSummary[] = [];
  renderWithApi(<JoinRoomDialog accounts={[accountView()]} accountId={ACCOUNT_ID} onJoined={(s) => joined.push(s)} onCancel={() => undefined} {...props} />, fake.api);
  return { fake, joined };
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('room search in "Join a room"', () => {
  it('lists the public rooms of the service, filters them as one types, and a pick fills the room', async () => {
    const { fake, joined } = renderDialog({ joinRoom: () => ok(summary({ room: `book-club@${SERVICE}` })) });
    const results = await screen.findByTestId('room-search-results');
    expect(within(results).getAllByRole('button').map((b) => b.textContent)).toEqual([`Book club${PUBLIC[0]?.room}`, `The team${PUBLIC[1]?.room}`, `chess${PUBLIC[2]?.room}`]);
    expect(screen.getByText(`3 public rooms on ${SERVICE}. Type to filter by name or address.`)).toBeTruthy();
    expect(fake.callsOf('listPublicRooms')).toEqual([{ accountId: ACCOUNT_ID, service: SERVICE }]);

    fireEvent.change(input('Find a room'), { target: { value: 'BOOK' } });
    expect(within(screen.getByTestId('room-search-results')).getAllByRole('button')).toHaveLength(1);
    fireEvent.change(input('Find a room'), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No room matches.')).toBeTruthy();
    fireEvent.change(input('Find a room'), { target: { value: 'club' } });
    fireEvent.click(screen.getByRole('button', { name: /Book club/u }));
    expect(input('Room').value).toBe(`book-club@${SERVICE}`);

    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(joined).toHaveLength(1));
    expect(fake.callsOf('joinRoom')).toEqual([{ accountId: ACCOUNT_ID, room: `book-club@${SERVICE}`, nick: 'alice' }]);
  });

  it('filters by words of the name or the address, and shows at most 50', () => {
    expect(filterRooms(PUBLIC, 'the TEAM').map((r) => r.room)).toEqual([`team@${SERVICE}`]);
    expect(filterRooms(PUBLIC, 'chess@').map((r) => r.room)).toEqual([`chess@${SERVICE}`]);
    expect(filterRooms(Array.from({ length: 80 }, (_, i) => ({ room: `r${i}@${SERVICE}`, name: null })), '')).toHaveLength(50);
  });
});

describe('bookmarks in "Join a room"', () => {
  it('remembers the joined room, to be joined at start, when asked', async () => {
    const { fake, joined } = renderDialog({ joinRoom: () => ok(summary()), setBookmark: () => ok(null) });
    fireEvent.change(input('Room'), { target: { value: 'team' } });
    fireEvent.click(screen.getByLabelText('Remember this room'));
    fireEvent.click(screen.getByLabelText('Join at start'));
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(joined).toHaveLength(1));
    expect(fake.callsOf('setBookmark')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, name: null, nick: 'alice', password: null, autojoin: true }]);
  });

  it('lists the remembered rooms the account is not in, and joins one in one click with its nickname and password', async () => {
    const other = `quiet@${SERVICE}`;
    const { fake, joined } = renderDialog(
      { listBookmarks: () => ok([bookmark(ROOM), bookmark(other, { name: 'Quiet room', nick: 'Al', password: 'hush' })]), joinRoom: () => ok(summary({ room: other })) },
      { isJoined: (_accountId, room) => room === ROOM },
    );
    const list = await screen.findByTestId('remembered-rooms');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    fireEvent.click(within(list).getByRole('button', { name: 'Join Quiet room' }));
    await waitFor(() => expect(joined).toHaveLength(1));
    expect(fake.callsOf('joinRoom')).toEqual([{ accountId: ACCOUNT_ID, room: other, nick: 'Al', password: 'hush' }]);
    expect(fake.callsOf('setBookmark')).toEqual([]);
  });
});

describe('"Create a room"', () => {
  it('makes the address from the name, sends the chosen settings, and opens the room', async () => {
    const created = summary({ room: `book-club@${SERVICE}` });
    const { fake, joined } = renderDialog({ createRoom: () => ok({ summary: created, notApplied: [] }), setBookmark: () => ok(null) });
    fireEvent.click(screen.getByRole('button', { name: 'Create a room…' }));
    expect(await screen.findByTestId('create-room-dialog')).toBeTruthy();
    fireEvent.change(input('Room name'), { target: { value: 'Book Club: Autumn!' } });
    await waitFor(() => expect(input('Room address').value).toBe(`book-club-autumn@${SERVICE}`));
    fireEvent.change(input('Room address'), { target: { value: 'book-club' } });
    fireEvent.change(input('Description (optional)'), { target: { value: 'What we read' } });
    fireEvent.click(screen.getByLabelText('Public: listed in room search'));
    fireEvent.click(screen.getByLabelText('Members only'));
    fireEvent.click(screen.getByLabelText('Moderated'));
    fireEvent.click(screen.getByLabelText('Keep the room when everyone has left'));
    fireEvent.change(input('Room password (optional)'), { target: { value: 'pages' } });
    fireEvent.click(screen.getByLabelText('Remember this room'));
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(joined).toEqual([created]));
    expect(fake.callsOf('createRoom')).toEqual([
      {
        accountId: ACCOUNT_ID,
        room: `book-club@${SERVICE}`,
        nick: 'alice',
        config: { name: 'Book Club: Autumn!', description: 'What we read', public: false, membersOnly: true, moderated: true, persistent: false, password: 'pages' },
      },
    ]);
    expect(fake.callsOf('setBookmark')).toEqual([{ accountId: ACCOUNT_ID, room: `book-club@${SERVICE}`, name: 'Book Club: Autumn!', nick: 'alice', password: 'pages', autojoin: false }]);
  });

  it('says which chosen settings the service did not offer before opening the room', async () => {
    const created = summary();
    const { joined } = renderDialog({ createRoom: () => ok({ summary: created, notApplied: ['moderated', 'persistent'] }) }, { creating: true });
    fireEvent.change(input('Room name'), { target: { value: 'team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const note = await screen.findByTestId('room-done-note');
    expect(note.textContent).toBe('The room is made, but its service does not offer these settings, so they were not applied: moderated, keeping the room when everyone has left.');
    expect(joined).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Open the room' }));
    expect(joined).toEqual([created]);
  });

  it('shows why a room could not be made (one that exists already), and goes back to joining', async () => {
    const { joined } = renderDialog({ createRoom: () => fail('failed', 'A room with this address already exists.') }, { creating: true });
    fireEvent.change(input('Room name'), { target: { value: 'team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect((await screen.findByTestId('create-room-error')).textContent).toBe('A room with this address already exists.');
    expect(joined).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByTestId('join-room-dialog')).toBeTruthy();
  });

  it('makes address local parts without the characters an address cannot hold', () => {
    expect(localPartFromName('  Café & "Friends" / 2 ')).toBe('café-friends-2');
    expect(localPartFromName('@@@')).toBe('');
  });
});

describe('<BookmarkToggle> in the room header', () => {
  it('remembers and forgets the room, and shows what bookmarkChanged says', async () => {
    const fake = fakeApi({ listBookmarks: () => ok([]), setBookmark: () => ok(null), removeBookmark: () => ok(null) });
    renderWithApi(<BookmarkToggle accountId={ACCOUNT_ID} room={ROOM} nick="alice" />, fake.api);
    const toggle = screen.getByTestId('bookmark-toggle');
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    expect(toggle.textContent).toBe('Remember');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(fake.callsOf('setBookmark')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, name: null, autojoin: false, nick: 'alice', password: null }]));
    fake.emit('bookmarkChanged', { accountId: ACCOUNT_ID, room: ROOM, bookmark: bookmark(ROOM, { nick: 'alice' }) });
    expect(toggle.textContent).toBe('Remembered');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    fireEvent.click(toggle);
    await waitFor(() => expect(fake.callsOf('removeBookmark')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM }]));
    // Another account's change does not count; this account's removal does.
    fake.emit('bookmarkChanged', { accountId: '00000000-0000-4000-8000-000000000000', room: ROOM, bookmark: null });
    expect(toggle.textContent).toBe('Remembered');
    fake.emit('bookmarkChanged', { accountId: ACCOUNT_ID, room: ROOM, bookmark: null });
    expect(toggle.textContent).toBe('Remember');
  });

  it('says why the room could not be remembered', async () => {
    const fake = fakeApi({ listBookmarks: () => ok([]), setBookmark: () => fail('failed', 'You are offline.') });
    renderWithApi(<BookmarkToggle accountId={ACCOUNT_ID} room={ROOM} nick="alice" />, fake.api);
    const toggle = screen.getByTestId('bookmark-toggle');
    await waitFor(() => expect(toggle.hasAttribute('disabled')).toBe(false));
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe('You are offline.');
  });
});
