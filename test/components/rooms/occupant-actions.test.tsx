import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PrivateRoomMessage, RoomSummary } from '../../../app/domain/rooms.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { RoomPane } from '../../../renderer/src/rooms/RoomPane.js';
import { occupantActions } from '../../../renderer/src/rooms/occupant-actions.js';
import { usePrivateMessages } from '../../../renderer/src/rooms/use-private-messages.js';
import { useApi } from '../../../renderer/src/ApiContext.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi, type FakeHandlers } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { occupant, ROOM, summary } from './room-fixtures.js';

/** The pane as the shell shows it: private messages kept by a hook above it. */
function Pane({ room }: { readonly room: RoomSummary }) {
  const privates = usePrivateMessages(useApi());
  return (
    <RoomPane
      entry={{ summary: room, unread: 0, events: 0, lines: [] }}
      account={accountView()}
      showAccount={false}
      onSend={async () => null}
      onLeave={async () => null}
      onOpenSecurity={() => undefined}
      privates={privates}
    />
  );
}

function renderPane(room: RoomSummary, handlers: FakeHandlers = {}) {
  const fake = fakeApi(handlers);
  renderWithApi(<Pane room={room} />, fake.api);
  fireEvent.click(screen.getByTestId('toggle-occupants'));
  return fake;
}

const actionsOf = (nick: string) => {
  fireEvent.click(screen.getByRole('button', { name: `Actions for ${nick}` }));
  return within(screen.getByRole('group', { name: `Actions for ${nick}` }))
    .getAllByRole('button')
    .map((b) => `${b.textContent ?? ''}${(b as HTMLButtonElement).disabled ? ' (disabled)' : ''}`);
};

const privateMessage = (overrides: Partial<PrivateRoomMessage> = {}): PrivateRoomMessage => ({
  id: 'p1',
  accountId: ACCOUNT_ID,
  room: ROOM,
  nick: 'bob',
  direction: 'in',
  body: 'psst <b>hi</b>',
  at: '2012-09-01T12:03:00.000Z',
  ...overrides,
});

describe('what our role and affiliation allow (occupant-actions.ts)', () => {
  const owner = occupant('o', { role: 'moderator', affiliation: 'owner' });
  const admin = occupant('a', { role: 'moderator', affiliation: 'admin' });
  const mod = occupant('m', { role: 'moderator', affiliation: 'member' });
  const plain = occupant('p');
  it('kick for moderators, never of an admin or owner; ban for admins and owners above the other; our own nickname', () => {
    expect(occupantActions(plain, occupant('x'))).toEqual({ privateMessage: true, kick: false, ban: false, changeNick: false });
    expect(occupantActions(mod, occupant('x', { realJid: 'x@e.org' }))).toEqual({ privateMessage: true, kick: true, ban: false, changeNick: false });
    expect(occupantActions(mod, admin).kick).toBe(false);
    expect(occupantActions(admin, occupant('x', { realJid: 'x@e.org' })).ban).toBe(true);
    expect(occupantActions(admin, occupant('x', { affiliation: 'admin', realJid: 'x@e.org' })).ban).toBe(false);
    expect(occupantActions(owner, occupant('x', { affiliation: 'admin', realJid: 'x@e.org' })).ban).toBe(true);
    expect(occupantActions(owner, occupant('x', { affiliation: 'owner', realJid: 'x@e.org' })).ban).toBe(false);
    expect(occupantActions(owner, occupant('x')).ban).toBe('hidden');
    expect(occupantActions(plain, plain)).toEqual({ privateMessage: false, kick: false, ban: false, changeNick: true });
  });
});

describe('occupant actions in the room pane', () => {
  it('offers a participant only private messages, and their own nickname', () => {
    renderPane(summary({ nick: 'bob', occupants: [occupant('alice', { role: 'moderator', affiliation: 'owner' }), occupant('bob')] }));
    expect(actionsOf('alice')).toEqual(['Private message']);
    expect(actionsOf('bob')).toEqual(['Change my nickname']);
  });

  it('offers the owner remove and ban, the ban disabled (and why) when the room hides the address', () => {
    renderPane(summary({ occupants: [occupant('alice', { role: 'moderator', affiliation: 'owner' }), occupant('bob', { realJid: 'bob@example.com' }), occupant('carol')] }));
    expect(actionsOf('bob')).toEqual(['Private message', 'Remove from room…', 'Ban…']);
    expect(actionsOf('carol')).toEqual(['Private message', 'Remove from room…', 'Ban… (disabled)']);
    expect(screen.getByText('The room does not show you their address, which a ban needs.')).toBeTruthy();
  });

  it('kicks only after the confirmation, with the reason; cancelling does nothing', async () => {
    const fake = renderPane(summary(), { kickOccupant: () => ok(null) });
    actionsOf('bob');
    fireEvent.click(screen.getByRole('button', { name: 'Remove from room…' }));
    const dialog = screen.getByTestId('occupant-action-dialog');
    expect(dialog.textContent).toContain('bob will be taken out of the room. They can come back.');
    // The safe choice has the focus: Enter alone does not remove anyone.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('occupant-action-dialog')).toBeNull();
    expect(fake.callsOf('kickOccupant')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Remove from room…' }));
    fireEvent.change(screen.getByLabelText('Reason (optional, everyone in the room sees it)'), { target: { value: 'Spam' } });
    fireEvent.click(within(screen.getByTestId('occupant-action-dialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByTestId('occupant-action-dialog')).toBeNull());
    expect(fake.callsOf('kickOccupant')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, nick: 'bob', reason: 'Spam' }]);
  });

  it('bans with the confirmation naming the account; a refusal keeps the dialog and says why', async () => {
    const fake = renderPane(summary({ occupants: [occupant('alice', { role: 'moderator', affiliation: 'owner' }), occupant('bob', { realJid: 'bob@example.com' })] }), {
      banOccupant: () => fail('failed', 'The room refused: You are not allowed to do this.'),
    });
    actionsOf('bob');
    fireEvent.click(screen.getByRole('button', { name: 'Ban…' }));
    const dialog = screen.getByTestId('occupant-action-dialog');
    expect(dialog.textContent).toContain('their account bob@example.com cannot join this room again');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The room refused: You are not allowed to do this.');
    expect(fake.callsOf('banOccupant')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, nick: 'bob', reason: null }]);
  });

  it('changes our nickname from our own row', async () => {
    const fake = renderPane(summary(), { changeRoomNick: () => ok(summary({ nick: 'ally' })) });
    actionsOf('alice');
    fireEvent.click(screen.getByRole('button', { name: 'Change my nickname' }));
    const field = screen.getByLabelText('New nickname') as HTMLInputElement;
    expect(field.value).toBe('alice');
    fireEvent.change(field, { target: { value: 'ally' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    await waitFor(() => expect(screen.queryByTestId('occupant-action-dialog')).toBeNull());
    expect(fake.callsOf('changeRoomNick')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, nick: 'ally' }]);
  });

  it('shows a private message that arrives (as text), opens the thread, and sends privately', async () => {
    const fake = renderPane(summary(), {
      sendRoomPrivateMessage: (p) => ok(privateMessage({ id: 'p2', nick: p.nick, direction: 'out', body: p.body })),
    });
    act(() => fake.emit('roomPrivateMessage', privateMessage()));
    expect(screen.getByTestId('private-notice').textContent).toContain('bob sent you a private message.');
    expect(screen.getByText('new private message')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('private-notice')).getByRole('button', { name: 'Open' }));
    const thread = screen.getByTestId('private-thread');
    expect(within(thread).getByText('Only bob sees these messages, not the rest of the room.')).toBeTruthy();
    expect(within(thread).getAllByTestId('private-message').map((m) => m.textContent)).toEqual(['bobpsst <b>hi</b>']);
    expect(thread.querySelector('b')).toBeNull();
    expect(screen.queryByTestId('private-notice')).toBeNull();

    fireEvent.change(within(thread).getByTestId('private-composer'), { target: { value: 'hello back' } });
    fireEvent.click(within(thread).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(thread).getAllByTestId('private-message')).toHaveLength(2));
    expect(fake.callsOf('sendRoomPrivateMessage')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, nick: 'bob', body: 'hello back' }]);
    // Another room's private message is not this room's.
    act(() => fake.emit('roomPrivateMessage', privateMessage({ id: 'p3', room: 'other@rooms.example.com' })));
    expect(within(thread).getAllByTestId('private-message')).toHaveLength(2);
  });
});
