/**
 * Occupant actions through the app's requests, on valid.test's room service: a private message to one
 * occupant, a nickname change the others see (and a taken one refused), kick and ban by the room's owner
 * (and refused to a participant), and the join refusal's suggested nickname as a typed field.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import type { ChatClient } from './chat-client.js';
import { chatSuite } from './chat-suite.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const newRoom = () => `mod-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;

describe.runIf(available)('occupant actions through the app', () => {
  const suite = chatSuite();

  /** Alice creates a room (its owner, a moderator); Bob joins it as a participant. */
  async function aliceAndBob(): Promise<{ room: string; alice: ChatClient; bob: ChatClient }> {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    const mark = alice.mark();
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    await alice.next('roomChanged', (c) => c.room === room && c.text === 'Bob joined the room.', { after: mark });
    return { room, alice, bob };
  }

  it('sends a private message to one occupant, who gets it as such', async () => {
    const { room, alice, bob } = await aliceAndBob();
    const sent = await bob.call('sendRoomPrivateMessage', { accountId: bob.accountId, room, nick: 'Alice', body: 'Just <you> & me' });
    expect(sent).toMatchObject({ accountId: bob.accountId, room, nick: 'Alice', direction: 'out', body: 'Just <you> & me' });
    const got = await alice.next('roomPrivateMessage', (m) => m.room === room);
    expect(got).toMatchObject({ accountId: alice.accountId, room, nick: 'Bob', direction: 'in', body: 'Just <you> & me' });
    // Not a message to the room: nothing of it reached the room's timeline.
    expect(alice.all('roomMessageReceived').filter((m) => m.body === 'Just <you> & me')).toEqual([]);
  });

  it('changes our nickname in the room, seen by the others; a taken one is refused and ours kept', async () => {
    const { room, alice, bob } = await aliceAndBob();
    const mark = alice.mark();
    const summary = await bob.call('changeRoomNick', { accountId: bob.accountId, room, nick: 'Robert' });
    expect(summary).toMatchObject({ room, nick: 'Robert' });
    const seen = await alice.next('roomChanged', (c) => c.room === room && c.kind === 'occupants' && c.text === 'Bob is now known as Robert.', { after: mark });
    await expect
      .poll(async () => (await alice.call('listJoinedRooms', { accountId: alice.accountId }))[0]?.occupants.map((o) => o.nick).sort())
      .toEqual(['Alice', 'Robert']);
    expect(seen.summary?.room).toBe(room);

    await expect(bob.call('changeRoomNick', { accountId: bob.accountId, room, nick: 'Alice' })).rejects.toThrow(
      'changeRoomNick failed: failed: Someone in this room already uses that nickname. Choose another one.',
    );
    expect((await bob.call('listJoinedRooms', { accountId: bob.accountId }))[0]?.nick).toBe('Robert');
  });

  it('the owner kicks and then bans; a participant may do neither', async () => {
    const { room, alice, bob } = await aliceAndBob();
    // Bob is a participant: the room refuses his kick; and it hides Alice's address from him, so no ban.
    await expect(bob.call('kickOccupant', { accountId: bob.accountId, room, nick: 'Alice', reason: null })).rejects.toThrow(/kickOccupant failed: failed: The room refused: /u);
    await expect(bob.call('banOccupant', { accountId: bob.accountId, room, nick: 'Alice', reason: null })).rejects.toThrow(
      'banOccupant failed: failed: This room does not show you the address of “Alice”, so they cannot be banned from here.',
    );

    const bobMark = bob.mark();
    await alice.call('kickOccupant', { accountId: alice.accountId, room, nick: 'Bob', reason: 'Take a break' });
    const kicked = await bob.next('roomChanged', (c) => c.room === room && c.kind === 'left', { after: bobMark });
    expect(kicked).toMatchObject({ text: 'You were removed from the room by a moderator. Reason: "Take a break"', summary: null });

    // A kick is not a ban: Bob comes back; then the owner bans his account.
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    await expect.poll(async () => (await alice.call('listJoinedRooms', { accountId: alice.accountId }))[0]?.occupants.length).toBe(2);
    const banMark = bob.mark();
    await alice.call('banOccupant', { accountId: alice.accountId, room, nick: 'Bob', reason: null });
    expect(await bob.next('roomChanged', (c) => c.room === room && c.kind === 'left', { after: banMark })).toMatchObject({ text: 'You were banned from the room.' });
    await expect(bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' })).rejects.toThrow('You are banned from this room.');
  });

  it('a taken nickname on joining comes with the suggestion as a typed field of the failure', async () => {
    const { room } = await aliceAndBob();
    const bobsPhone = await suite.open('bob@valid.test', 'phone');
    await expect(bobsPhone.call('joinRoom', { accountId: bobsPhone.accountId, room, nick: 'Alice' })).rejects.toMatchObject({
      code: 'failed',
      message: 'joinRoom failed: failed: Someone in this room already uses that nickname. Choose another one. You could try "Alice2".',
      details: { suggestedNick: 'Alice2' },
    });
  });
});
