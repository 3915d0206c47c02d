import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../app/domain/account.js';
import type { RoomInvitation } from '../../../app/domain/rooms.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { InvitationCards } from '../../../renderer/src/rooms/InvitationCards.js';
import type { InvitationEntry } from '../../../renderer/src/rooms/invitations-reducer.js';
import { InviteDialog } from '../../../renderer/src/rooms/InviteDialog.js';
import { JoinRoomDialog } from '../../../renderer/src/rooms/JoinRoomDialog.js';
import { RoomPane } from '../../../renderer/src/rooms/RoomPane.js';
import { useInvitations } from '../../../renderer/src/rooms/use-invitations.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { ROOM, summary } from './room-fixtures.js';

function invitation(overrides: Partial<RoomInvitation> = {}): RoomInvitation {
  return { id: 'inv-1', room: ROOM, from: 'bob@example.com', via: 'direct', reason: null, password: null, receivedAt: '2012-09-01T12:00:00.000Z', ...overrides };
}
const entry = (overrides: Partial<RoomInvitation> = {}): InvitationEntry => ({ accountId: ACCOUNT_ID, invitation: invitation(overrides) });
const names = (_accountId: AccountId, address: string) => (address === 'bob@example.com' ? 'Bob' : address);

/** The sidebar's part: the cards over the hook that keeps them. */
function Cards({ api, onJoin }: { readonly api: HostproofApi; readonly onJoin: (entry: InvitationEntry) => void }) {
  const invitations = useInvitations(api, [ACCOUNT_ID], true);
  return <InvitationCards invitations={invitations.list} nameOf={names} accountLabel={null} onJoin={onJoin} onDismiss={invitations.dismiss} />;
}

describe('room invitation cards', () => {
  it('say who invited us to which room and why, all as text, with "Join…" and "Dismiss"', () => {
    const joined: InvitationEntry[] = [];
    const hostile = entry({ reason: '<img src=x onerror=alert(1)> come' });
    render(<InvitationCards invitations={[hostile]} nameOf={names} accountLabel={null} onJoin={(e) => joined.push(e)} onDismiss={async () => null} />);
    const card = screen.getByTestId('room-invitation');
    expect(card.querySelector('.invitation-card__text')?.textContent).toBe(`Bob invited you to ${ROOM} — <img src=x onerror=alert(1)> come`);
    expect(card.querySelector('img')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Join…' }));
    expect(joined).toEqual([hostile]);
  });

  it('name an inviter the room gave only by nickname by that nickname, and show the account when there are several', () => {
    render(<InvitationCards invitations={[entry({ from: `${ROOM}/Carol`, via: 'mediated' })]} nameOf={names} accountLabel={() => 'alice@example.com'} onJoin={() => undefined} onDismiss={async () => null} />);
    const card = screen.getByTestId('room-invitation');
    expect(card.querySelector('.invitation-card__text')?.textContent).toBe(`Carol invited you to ${ROOM}`);
    expect(within(card).getByText('alice@example.com')).toBeTruthy();
  });

  it('come from the list and the events, one per invitation id, and go when dismissed (declined) or the room is joined', async () => {
    const fake = fakeApi({ listRoomInvitations: () => ok([invitation()]), dismissRoomInvitation: () => ok(null) });
    renderWithApi(<Cards api={fake.api} onJoin={() => undefined} />, fake.api);
    await screen.findByTestId('room-invitation');
    // A repeat (same id) replaces its card; another room adds one.
    fake.emit('roomInvitation', { accountId: ACCOUNT_ID, invitation: invitation({ reason: 'again' }) });
    fake.emit('roomInvitation', { accountId: ACCOUNT_ID, invitation: invitation({ id: 'inv-2', room: 'other@rooms.example.com', via: 'mediated' }) });
    expect(screen.getAllByTestId('room-invitation').map((c) => c.dataset.room)).toEqual([ROOM, 'other@rooms.example.com']);
    expect(screen.getByTestId('invitation-reason').textContent).toBe('again');

    fireEvent.click(within(screen.getAllByTestId('room-invitation')[1] as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.getAllByTestId('room-invitation')).toHaveLength(1));
    expect(fake.callsOf('dismissRoomInvitation')).toEqual([{ accountId: ACCOUNT_ID, id: 'inv-2', decline: true }]);

    fake.emit('roomChanged', { accountId: ACCOUNT_ID, room: ROOM, kind: 'joined', text: null, summary: summary() });
    expect(screen.queryByTestId('room-invitation')).toBeNull();
  });

  it('stay, saying why, when dismissing fails', async () => {
    const fake = fakeApi({ listRoomInvitations: () => ok([invitation({ via: 'mediated' })]), dismissRoomInvitation: () => fail('failed', 'You are offline.') });
    renderWithApi(<Cards api={fake.api} onJoin={() => undefined} />, fake.api);
    fireEvent.click(await screen.findByRole('button', { name: 'Dismiss' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You are offline.');
    expect(screen.getByTestId('room-invitation')).toBeTruthy();
  });
});

describe('accepting an invitation', () => {
  it('opens "Join a room" filled in with the room and its password: joining is still a click', async () => {
    const fake = fakeApi({ listRoomServices: () => ok(['rooms.example.com']), joinRoom: () => ok(summary()) });
    renderWithApi(<JoinRoomDialog accounts={[accountView()]} accountId={ACCOUNT_ID} onJoined={() => undefined} onCancel={() => undefined} initialRoom={ROOM} initialPassword="open sesame" />, fake.api);
    expect((screen.getByLabelText('Room') as HTMLInputElement).value).toBe(ROOM);
    expect((screen.getByLabelText('Room password (if it has one)') as HTMLInputElement).value).toBe('open sesame');
    expect(fake.callsOf('joinRoom')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(fake.callsOf('joinRoom')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, nick: 'alice', password: 'open sesame' }]));
  });
});

describe('the invite dialog', () => {
  const contacts = [
    { jid: 'bob@example.com', name: 'Bob', groups: [], subscription: 'both' as const, pendingOut: false, approved: false },
    { jid: 'carol@example.com', name: null, groups: [], subscription: 'to' as const, pendingOut: false, approved: false },
  ];

  it('offers the contacts, and invites the address typed with the message', async () => {
    const fake = fakeApi({ inviteToRoom: () => ok(null) });
    let done = 0;
    renderWithApi(<InviteDialog accountId={ACCOUNT_ID} room={ROOM} contacts={contacts} onDone={() => (done += 1)} onCancel={() => undefined} />, fake.api);
    const field = screen.getByLabelText('Their address');
    const list = document.getElementById(field.getAttribute('list') ?? '');
    expect([...(list?.querySelectorAll('option') ?? [])].map((o) => [o.value, o.textContent])).toEqual([
      ['bob@example.com', 'Bob'],
      ['carol@example.com', 'carol@example.com'],
    ]);
    expect((screen.getByRole('button', { name: 'Invite' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field, { target: { value: ' bob@example.com ' } });
    fireEvent.change(screen.getByLabelText('Message (optional)'), { target: { value: 'Plans <b>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(done).toBe(1));
    expect(fake.callsOf('inviteToRoom')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, jid: 'bob@example.com', reason: 'Plans <b>' }]);
  });

  it('says why an invitation could not go, and sends no empty message', async () => {
    const fake = fakeApi({ inviteToRoom: () => fail('failed', 'You can only invite people to a room you are in.') });
    renderWithApi(<InviteDialog accountId={ACCOUNT_ID} room={ROOM} contacts={[]} onDone={() => undefined} onCancel={() => undefined} />, fake.api);
    fireEvent.change(screen.getByLabelText('Their address'), { target: { value: 'bob@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect((await screen.findByTestId('invite-error')).textContent).toBe('You can only invite people to a room you are in.');
    expect(fake.callsOf('inviteToRoom')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, jid: 'bob@example.com' }]);
  });

  it('opens from "Invite…" in the room header, and the room says when the invitation went', async () => {
    const fake = fakeApi({ inviteToRoom: () => ok(null) });
    renderWithApi(
      <RoomPane entry={{ summary: summary(), lines: [], unread: 0, events: 0 }} account={accountView()} showAccount={false} onSend={async () => null} onLeave={async () => null} onOpenSecurity={() => undefined} contacts={contacts} />,
      fake.api,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Invite…' }));
    const dialog = await screen.findByTestId('invite-dialog');
    fireEvent.change(within(dialog).getByLabelText('Their address'), { target: { value: 'carol@example.com' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    expect((await screen.findByTestId('invite-sent')).textContent).toBe('Invitation sent.');
    expect(screen.queryByTestId('invite-dialog')).toBeNull();
  });
});
