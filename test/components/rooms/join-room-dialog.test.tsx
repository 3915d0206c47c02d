import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RoomSummary } from '../../../app/domain/rooms.js';
import { fail, ok } from '../../../app/ipc/result.js';
import { JoinRoomDialog } from '../../../renderer/src/rooms/JoinRoomDialog.js';
import { accountView } from '../fixtures/accounts.js';
import { fakeApi } from '../fixtures/fake-api.js';
import { ACCOUNT_ID } from '../fixtures/verdicts.js';
import { renderWithApi } from '../render-with-api.js';
import { ROOM, summary } from './room-fixtures.js';

const CONFLICT = 'Someone in this room already uses that nickname. Choose another one. You could try "alice2".';

describe('<JoinRoomDialog>', () => {
  it('joins a room named alone on the discovered room service, as the account’s local part by default', async () => {
    const fake = fakeApi({ listRoomServices: () => ok(['rooms.example.com']), joinRoom: () => ok(summary()) });
    const joined: RoomSummary[] = [];
    renderWithApi(<JoinRoomDialog accounts={[accountView()]} accountId={ACCOUNT_ID} onJoined={(s) => joined.push(s)} onCancel={() => undefined} />, fake.api);
    await screen.findByText('A name alone joins it on rooms.example.com; or write a full room address.');
    expect((screen.getByLabelText('Your nickname in the room') as HTMLInputElement).value).toBe('alice');
    fireEvent.change(screen.getByLabelText('Room'), { target: { value: 'team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(joined).toHaveLength(1));
    expect(fake.callsOf('joinRoom')).toEqual([{ accountId: ACCOUNT_ID, room: ROOM, nick: 'alice' }]);
  });

  it('says why a room refused, offers the suggested nickname in one click, and sends the password when given', async () => {
    let tries = 0;
    const fake = fakeApi({
      listRoomServices: () => ok(['rooms.example.com']),
      // The suggestion is the failure's typed field: the sentence is only for people.
      joinRoom: () => (++tries === 1 ? fail('failed', CONFLICT, { suggestedNick: 'alice 2' }) : ok(summary({ nick: 'alice 2' }))),
    });
    const joined: RoomSummary[] = [];
    renderWithApi(<JoinRoomDialog accounts={[accountView()]} accountId={ACCOUNT_ID} onJoined={(s) => joined.push(s)} onCancel={() => undefined} />, fake.api);
    fireEvent.change(screen.getByLabelText('Room'), { target: { value: ROOM } });
    fireEvent.change(screen.getByLabelText('Room password (if it has one)'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    const error = await screen.findByTestId('join-room-error');
    expect(error.textContent).toContain('Someone in this room already uses that nickname.');
    fireEvent.click(screen.getByRole('button', { name: 'Use “alice 2”' }));
    expect((screen.getByLabelText('Your nickname in the room') as HTMLInputElement).value).toBe('alice 2');
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(joined).toHaveLength(1));
    expect(fake.callsOf('joinRoom')[1]).toEqual({ accountId: ACCOUNT_ID, room: ROOM, nick: 'alice 2', password: 'secret' });
  });

  it('shows a refusal without a suggestion as it is', async () => {
    const fake = fakeApi({ listRoomServices: () => ok([]), joinRoom: () => fail('failed', 'This room is for members only.') });
    renderWithApi(<JoinRoomDialog accounts={[accountView()]} accountId={ACCOUNT_ID} onJoined={() => undefined} onCancel={() => undefined} />, fake.api);
    fireEvent.change(screen.getByLabelText('Room'), { target: { value: ROOM } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect((await screen.findByTestId('join-room-error')).textContent).toBe('This room is for members only.');
    expect(screen.queryByTestId('use-suggested-nick')).toBeNull();
  });

  it('offers no suggestion that only the sentence carries', async () => {
    const fake = fakeApi({ listRoomServices: () => ok([]), joinRoom: () => fail('failed', CONFLICT) });
    renderWithApi(<JoinRoomDialog accounts={[accountView()]} accountId={ACCOUNT_ID} onJoined={() => undefined} onCancel={() => undefined} />, fake.api);
    fireEvent.change(screen.getByLabelText('Room'), { target: { value: ROOM } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect((await screen.findByTestId('join-room-error')).textContent).toBe(CONFLICT);
    expect(screen.queryByTestId('use-suggested-nick')).toBeNull();
  });
});
