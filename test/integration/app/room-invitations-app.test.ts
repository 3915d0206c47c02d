/**
 * Room invitations through the app's requests, on valid.test's room service: the room's owner invites a
 * contact (through the room, as owners do); the contact gets one request (the same one when invited again),
 * is not in the room until they join, and the request goes once they have joined; declining forgets it;
 * inviting to a room we are not in is refused in plain words; an invitation to a room we are in is no request.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROOM_SERVICE } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import type { ChatClient } from './chat-client.js';
import { chatSuite } from './chat-suite.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

const newRoom = () => `invite-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;

describe.runIf(available)('room invitations through the app', () => {
  const suite = chatSuite();

  /**
   * A barrier instead of a sleep: `client` joins a room of its own on the same service (a round trip on its
   * stream, so anything it sent before, such as a join, has reached the service), then `owner` writes in
   * `room` and waits for the room to confirm it (anything the room told her before has reached her app).
   */
  async function barrier(client: ChatClient, owner: ChatClient, room: string): Promise<void> {
    await client.call('joinRoom', { accountId: client.accountId, room: newRoom(), nick: 'Barrier' });
    const sent = await owner.call('sendRoomMessage', { accountId: owner.accountId, room, body: 'barrier' });
    await owner.next('roomMessageUpdated', (u) => u.id === sent.id);
  }

  it("the owner's invitation reaches the contact as one request, joins nobody, and goes once they have joined", async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });

    await alice.call('inviteToRoom', { accountId: alice.accountId, room, jid: 'bob@valid.test', reason: 'Plans for <Friday>' });
    const { accountId, invitation } = await bob.next('roomInvitation', (i) => i.invitation.room === room);
    // The room hides real addresses from participants (Prosody's default): it names alice by her nickname.
    expect(accountId).toBe(bob.accountId);
    expect(invitation).toMatchObject({ room, from: `${room}/Alice`, via: 'mediated', reason: 'Plans for <Friday>', password: null });
    expect(await bob.call('listRoomInvitations', { accountId: bob.accountId })).toEqual([invitation]);

    // Invited again: still one request, with the same id.
    const mark = bob.mark();
    await alice.call('inviteToRoom', { accountId: alice.accountId, room, jid: 'bob@valid.test' });
    const again = await bob.next('roomInvitation', (i) => i.invitation.room === room, { after: mark });
    expect(again.invitation).toMatchObject({ id: invitation.id, reason: 'Plans for <Friday>' });
    expect(await bob.call('listRoomInvitations', { accountId: bob.accountId })).toHaveLength(1);

    // Being invited put nobody in the room.
    await barrier(bob, alice, room);
    const [aliceRoom] = await alice.call('listJoinedRooms', { accountId: alice.accountId });
    expect(aliceRoom?.occupants.map((o) => o.nick)).toEqual(['Alice']);
    expect((await bob.call('listJoinedRooms', { accountId: bob.accountId })).map((r) => r.room)).not.toContain(room);

    // Accepting is joining (the user's click in the window): then the request is gone.
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    expect(await bob.call('listRoomInvitations', { accountId: bob.accountId })).toEqual([]);
  });

  it('declining forgets the request; inviting to a room we are not in is refused; no request for a room we are in', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    await alice.call('inviteToRoom', { accountId: alice.accountId, room, jid: 'bob@valid.test' });
    const { invitation } = await bob.next('roomInvitation', (i) => i.invitation.room === room);

    await bob.call('dismissRoomInvitation', { accountId: bob.accountId, id: invitation.id, decline: true });
    expect(await bob.call('listRoomInvitations', { accountId: bob.accountId })).toEqual([]);
    // Dismissing one that is already gone is not an error.
    await bob.call('dismissRoomInvitation', { accountId: bob.accountId, id: invitation.id, decline: false });

    await expect(bob.call('inviteToRoom', { accountId: bob.accountId, room, jid: 'alice@valid.test' })).rejects.toThrow('failed: You can only invite people to a room you are in.');

    // Asked into a room he is in already: no request. A second invitation, sent after it on the same
    // stream, is the barrier: once it is here, the first was handled.
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    const other = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room: other, nick: 'Alice' });
    const mark = bob.mark();
    await alice.call('inviteToRoom', { accountId: alice.accountId, room, jid: 'bob@valid.test' });
    await alice.call('inviteToRoom', { accountId: alice.accountId, room: other, jid: 'bob@valid.test' });
    await bob.next('roomInvitation', (i) => i.invitation.room === other, { after: mark });
    expect(bob.all('roomInvitation', mark).map((i) => i.invitation.room)).toEqual([other]);
  });
});
