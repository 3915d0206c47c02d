/**
 * Room invitations against a real Prosody room service: direct (XEP-0249) and mediated (XEP-0045 §7.8)
 * invitations reach the invitee as requests with who, why and the password; nobody is put in a room by
 * being invited; a members-only room lets in whom its owner invited through it; a decline reaches the
 * inviter; a mediated invitation that a person (not a room) sends is refused.
 */
import { randomUUID } from 'node:crypto';
import { xml } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import type { ReadDecline, ReadInvitation } from '../../../../main/xmpp/features/rooms/invitation.js';
import { createInvitations, type Invitations } from '../../../../main/xmpp/features/rooms/invitations.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { waitUntil } from '../../../harness/wait-until.js';
import { configureRoom } from './room-config.js';
import { newRoom, useRoomWorld, type RoomClient } from './room-world.js';
import { SESSION_DOMAIN } from '../session/verified-connection.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP room invitations)');

interface Invitee {
  readonly invitations: Invitations;
  readonly invited: ReadInvitation[];
  readonly declined: ReadDecline[];
  readonly log: FeatureLogEntry[];
}

describe.runIf(hasProsody)('room invitations on a real room service', () => {
  const world = useRoomWorld();
  const disposers: Array<() => void> = [];
  afterEach(() => {
    for (const dispose of disposers.splice(0)) dispose();
  });

  /** The client's invitations feature, once the client is available (messages to its bare address reach it). */
  async function invitationsOf(client: RoomClient): Promise<Invitee> {
    await client.session.link.send(xml('presence'));
    // Answered after the presence above was handled (same stream, in order).
    await client.session.link.request(xml('iq', { type: 'get', to: SESSION_DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    const log: FeatureLogEntry[] = [];
    const invitations = createInvitations({ link: client.session.link, ids: randomUUID, log: (entry) => log.push(entry) });
    const invited: ReadInvitation[] = [];
    const declined: ReadDecline[] = [];
    invitations.on('invited', (i) => invited.push(i));
    invitations.on('declined', (d) => declined.push(d));
    disposers.push(() => invitations.dispose());
    return { invitations, invited, declined, log };
  }

  /**
   * A barrier instead of a sleep: each client in turn asks the room something and waits for the answer. One
   * stream keeps its order, so whatever the first sent before (a join, say) has reached the room, and what the
   * room passed on to the next has reached it, once the answers are in.
   */
  async function barrier(room: string, ...clients: RoomClient[]): Promise<void> {
    for (const client of clients) {
      await client.session.link.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    }
  }

  const nicksIn = (client: RoomClient, room: string) => client.rooms.occupants(room).map((o) => o.nick).sort();

  it('a direct invitation arrives as a request with who, why and the password, and puts nobody in the room', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const bobs = await invitationsOf(bob);
    const room = newRoom('direct');
    expect(await alice.rooms.join({ room, nick: 'Alice' })).toMatchObject({ ok: true, created: true });

    await (await invitationsOf(alice)).invitations.inviteDirect(bob.jid, room, { reason: 'Come and <talk> & more', password: 'open sesame' });
    await waitUntil(() => bobs.invited.length > 0, "bob's invitation");
    expect(bobs.invited).toEqual([{ via: 'direct', room, from: alice.jid, reason: 'Come and <talk> & more', password: 'open sesame' }]);

    await barrier(room, bob, alice);
    expect(nicksIn(alice, room)).toEqual(['Alice']);
    expect(bob.rooms.joined()).toEqual([]);
  });

  it("a members-only room's owner invites through the room: the invitee gets the password, is not in until joining, then gets in", async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const bobs = await invitationsOf(bob);
    const room = newRoom('members');
    await alice.rooms.join({ room, nick: 'Alice' });
    expect(await configureRoom(alice, room, { membersOnly: true, password: 'open sesame' })).toEqual([]);
    // Not invited yet: the room does not let bob in.
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: false, kind: 'members-only' });

    await (await invitationsOf(alice)).invitations.inviteMediated(room, bob.jid, 'Our project room');
    await waitUntil(() => bobs.invited.length > 0, "bob's mediated invitation");
    // The room hides real addresses from non-moderators (the default): the inviter is named by nickname.
    expect(bobs.invited).toEqual([{ via: 'mediated', room, from: `${room}/Alice`, reason: 'Our project room', password: 'open sesame' }]);
    await barrier(room, bob, alice);
    expect(nicksIn(alice, room)).toEqual(['Alice']);

    // Accepting is joining, with what the invitation carried: Prosody made bob a member when alice invited him.
    const invitation = bobs.invited[0] as ReadInvitation;
    const joined = await bob.rooms.join({ room: invitation.room, nick: 'Bob', password: invitation.password });
    expect(joined).toMatchObject({ ok: true, nick: 'Bob' });
    await alice.next('occupant', (e) => e.kind === 'joined' && e.occupant.nick === 'Bob');
    expect(alice.rooms.occupants(room).find((o) => o.nick === 'Bob')).toMatchObject({ affiliation: 'member' });
  });

  it('a decline through the room reaches the inviter', async () => {
    const [alice, bob] = await Promise.all([world.open('alice'), world.open('bob')]);
    const [alices, bobs] = await Promise.all([invitationsOf(alice), invitationsOf(bob)]);
    const room = newRoom('declined');
    await alice.rooms.join({ room, nick: 'Alice' });
    await alices.invitations.inviteMediated(room, bob.jid, null);
    await waitUntil(() => bobs.invited.length > 0, "bob's invitation");
    const invitation = bobs.invited[0] as ReadInvitation;
    expect(invitation).toMatchObject({ via: 'mediated', room, reason: null, password: null });

    await bobs.invitations.decline(room, invitation.from, 'Busy today');
    await waitUntil(() => alices.declined.length > 0, "bob's decline");
    expect(alices.declined).toEqual([{ room, from: bob.jid, reason: 'Busy today' }]);
  });

  it('a mediated invitation sent by a person, not a room, is refused; a direct one from them still counts', async () => {
    const [bob, carol] = await Promise.all([world.open('bob'), world.open('carol')]);
    const bobs = await invitationsOf(bob);
    const room = newRoom('forged');
    // Carol writes what a room would send; the server stamps her own full address on it.
    await carol.session.link.send(
      xml(
        'message',
        { to: bob.jid, id: randomUUID() },
        xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }, xml('invite', { from: 'alice@hosted.test' }, xml('reason', {}, 'trust me')), xml('password', {}, 'x')),
      ),
    );
    // Then an honest direct invitation: once it is here, the forged one (sent first, same stream) was handled.
    await (await invitationsOf(carol)).invitations.inviteDirect(bob.jid, room, { reason: null, password: null });
    await waitUntil(() => bobs.invited.length > 0, "carol's direct invitation");
    expect(bobs.invited).toEqual([{ via: 'direct', room, from: carol.jid, reason: null, password: null }]);
    expect(bobs.log).toContainEqual(expect.objectContaining({ feature: 'invitations', reason: expect.stringContaining('not from a room address') as unknown }));
  });
});
