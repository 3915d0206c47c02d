/**
 * Rooms (XEP-0045) against a real Prosody room service with its archive (mod_muc_mam): three accounts
 * create, join and talk in rooms; taken nicknames, password-protected, members-only rooms and bans are
 * refused with the right kind; kicks, subjects, private messages and leaving are seen by the others.
 */
import { describe, expect, it } from 'vitest';
import { openOnlineSession } from '../../../../main/xmpp/session/open-session.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { configureRoom } from './room-config.js';
import { newRoom, ROOM_SERVICE, useRoomWorld, type RoomClient } from './room-world.js';
import { SESSION_DOMAIN } from '../session/verified-connection.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP rooms)');

describe.runIf(hasProsody)('rooms on a real room service', () => {
  const world = useRoomWorld();

  /** Alice creates a new room; bob and carol (when asked for) join it. */
  async function roomWith(...others: Array<'bob' | 'carol'>): Promise<{ room: string; alice: RoomClient; bob: RoomClient; carol: RoomClient }> {
    const [alice, bob, carol] = await Promise.all([world.open('alice'), world.open('bob'), world.open('carol')]);
    const room = newRoom('lobby');
    const created = await alice.rooms.join({ room, nick: 'Alice' });
    expect(created).toMatchObject({ ok: true, created: true, nick: 'Alice' });
    for (const name of others) {
      const client = name === 'bob' ? bob : carol;
      expect(await client.rooms.join({ room, nick: name === 'bob' ? 'Bob' : 'Carol' })).toMatchObject({ ok: true, created: false });
    }
    return { room, alice, bob, carol };
  }

  it("finds the room service among its own server's services", async () => {
    const alice = await world.open('alice');
    expect(await alice.rooms.discover()).toEqual([ROOM_SERVICE]);
  });

  it('creates an instant room that others then join, with roles, affiliations and real addresses as the room shows them', async () => {
    const { room, alice, bob, carol } = await roomWith();
    expect(alice.rooms.occupants(room)).toEqual([{ nick: 'Alice', role: 'moderator', affiliation: 'owner', realJid: alice.jid }]);

    const bobJoined = await bob.rooms.join({ room, nick: 'Bob' });
    expect(bobJoined).toMatchObject({ ok: true, created: false, nick: 'Bob' });
    // The room is semi-anonymous (the default): only moderators see others' real addresses; bob sees his own.
    expect(bobJoined.ok && bobJoined.occupants).toEqual(
      expect.arrayContaining([
        { nick: 'Alice', role: 'moderator', affiliation: 'owner', realJid: null },
        { nick: 'Bob', role: 'participant', affiliation: 'none', realJid: bob.jid },
      ]),
    );
    const seenByAlice = await alice.next('occupant', (e) => e.kind === 'joined' && e.occupant.nick === 'Bob');
    expect(seenByAlice).toMatchObject({ room, self: false, text: 'Bob joined the room.', occupant: { role: 'participant', realJid: bob.jid } });

    await carol.rooms.join({ room, nick: 'Carol' });
    await bob.next('occupant', (e) => e.kind === 'joined' && e.occupant.nick === 'Carol');
    expect(bob.rooms.occupants(room).map((o) => o.nick).sort()).toEqual(['Alice', 'Bob', 'Carol']);
    expect(bob.rooms.joined()).toEqual([{ room, nick: 'Bob', password: null }]);
  });

  it('delivers a message to everyone in the room, and recognises our own when the room sends it back', async () => {
    const { room, alice, bob, carol } = await roomWith('bob', 'carol');
    const sent = await bob.rooms.send(room, 'Hello <everyone> & welcome');
    expect(sent).toMatchObject({ direction: 'out', state: 'sent', nick: 'Bob' });

    for (const reader of [alice, carol]) {
      const message = await reader.next('message', (m) => m.body === 'Hello <everyone> & welcome');
      expect(message).toMatchObject({ room, nick: 'Bob', direction: 'in', originId: sent.originId });
      // The room's archive numbered it (XEP-0359 stanza-id by the room): the key to merge the room's history.
      expect(message.archiveId).toMatch(/.+/);
    }
    const delivered = await bob.next('updated', (u) => u.id === sent.id);
    expect(delivered).toMatchObject({ room, state: 'delivered', error: null });
    expect(delivered.archiveId).toMatch(/.+/);
    // Barrier: alice writes after bob; once bob has her message, his own would have arrived before it.
    await alice.rooms.send(room, 'marker');
    await bob.next('message', (m) => m.body === 'marker' && m.nick === 'Alice');
    expect(bob.seen('message').filter((m) => m.nick === 'Bob')).toEqual([]);
  });

  it('refuses a nickname someone in the room already uses, and suggests another', async () => {
    const { room, carol } = await roomWith('bob');
    const result = await carol.rooms.join({ room, nick: 'Bob' });
    expect(result).toMatchObject({ ok: false, kind: 'nickname-conflict', suggestedNick: 'Bob2' });
    expect(carol.rooms.joined()).toEqual([]);
    expect(await carol.rooms.join({ room, nick: 'Bob2' })).toMatchObject({ ok: true, nick: 'Bob2' });
  });

  it('refuses a password-protected room without the right password, and lets in with it', async () => {
    const { room, alice, bob } = await roomWith();
    expect(await configureRoom(alice, room, { password: 'open sesame' })).toEqual([]);
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: false, kind: 'password-required' });
    expect(await bob.rooms.join({ room, nick: 'Bob', password: 'wrong' })).toMatchObject({ ok: false, kind: 'password-required' });
    expect(await bob.rooms.join({ room, nick: 'Bob', password: 'open sesame' })).toMatchObject({ ok: true });
    expect(bob.rooms.joined()).toEqual([{ room, nick: 'Bob', password: 'open sesame' }]);
  });

  it('refuses a members-only room to someone who is not a member', async () => {
    const { room, alice, carol } = await roomWith();
    expect(await configureRoom(alice, room, { membersOnly: true })).toEqual([]);
    const result = await carol.rooms.join({ room, nick: 'Carol' });
    expect(result).toMatchObject({ ok: false, kind: 'members-only', text: 'Only members can join this room. Ask one of its owners to add you.' });
  });

  it('shows a new subject to everyone, and a kick to the one kicked and to the others, in plain words', async () => {
    const { room, alice, bob, carol } = await roomWith('bob', 'carol');
    await alice.rooms.setSubject(room, 'Plans for <Friday>');
    for (const reader of [alice, bob, carol]) {
      expect(await reader.next('subject', (s) => s.subject === 'Plans for <Friday>')).toEqual({ room, subject: 'Plans for <Friday>', by: 'Alice' });
    }
    expect(carol.rooms.subject(room)).toBe('Plans for <Friday>');

    await alice.rooms.kick(room, 'Carol', 'Too loud');
    expect(await carol.next('left')).toEqual({ room, kind: 'kicked', text: 'You were removed from the room by a moderator. Reason: "Too loud"' });
    const seenByBob = await bob.next('occupant', (e) => e.kind === 'kicked');
    expect(seenByBob).toMatchObject({ room, self: false, occupant: { nick: 'Carol' }, text: 'Carol was removed from the room by a moderator. Reason: "Too loud"' });
    expect(bob.rooms.occupants(room).map((o) => o.nick).sort()).toEqual(['Alice', 'Bob']);
    expect(carol.rooms.joined()).toEqual([]);
  });

  it('bans an account: it is taken out, and refused when it comes back', async () => {
    const { room, alice, bob } = await roomWith('bob');
    await alice.rooms.ban(room, bob.jid, null);
    expect(await bob.next('left')).toEqual({ room, kind: 'banned', text: 'You were banned from the room.' });
    expect(await alice.next('occupant', (e) => e.kind === 'banned')).toMatchObject({ text: 'Bob was banned from the room.' });
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: false, kind: 'banned', text: 'You are banned from this room.' });
  });

  it('sends a private message to one occupant only', async () => {
    const { room, alice, bob, carol } = await roomWith('bob', 'carol');
    const sent = await bob.rooms.sendPrivate(room, 'Carol', 'Just between us');
    expect(sent).toMatchObject({ room, nick: 'Carol', direction: 'out' });
    expect(await carol.next('privateMessage')).toMatchObject({ room, nick: 'Bob', direction: 'in', body: 'Just between us' });
    // Barrier: bob's next message to the room reaches alice after his private one would have.
    await bob.rooms.send(room, 'to everyone');
    await alice.next('message', (m) => m.body === 'to everyone');
    expect(alice.seen('privateMessage')).toEqual([]);
    expect(carol.seen('message').filter((m) => m.body === 'Just between us')).toEqual([]);
  });

  it('leaves a room: the room confirms, and the others see it', async () => {
    const { room, bob, carol } = await roomWith('bob', 'carol');
    await carol.rooms.leave(room);
    expect(carol.rooms.joined()).toEqual([]);
    expect(await carol.next('left')).toEqual({ room, kind: 'left', text: 'You left the room.' });
    expect(await bob.next('occupant', (e) => e.kind === 'left')).toMatchObject({ room, self: false, occupant: { nick: 'Carol' }, text: 'Carol left the room.' });
    await expect(carol.rooms.send(room, 'still here?')).rejects.toMatchObject({ kind: 'not-joined' });
  });

  it('joins its rooms again when a dropped connection could not be resumed', async () => {
    const { room, bob, carol } = await roomWith('bob', 'carol');
    const closed = new Promise<void>((resolve) => carol.session.onClosed(() => resolve()));
    carol.drop();
    await closed;
    expect(carol.session.resumable).toBe(true);

    // Another login takes the same resource: the server ends the waiting session, and the room lets Carol go.
    const { connection } = await world.verified();
    const other = await openOnlineSession({ connection, serverProof: 'pkix', domain: SESSION_DOMAIN, localpart: 'carol', password: 'carol-secret', resource: 'desk', previousMechanism: null });
    await bob.next('occupant', (e) => e.kind === 'left' && e.occupant.nick === 'Carol');

    const fresh = await world.verified();
    await expect(carol.session.reopen(fresh.connection, 'pkix')).resolves.toBe('bound');
    await other.close();
    // What the account's chat does on a session it has to set up afresh: the new features rejoin.
    const before = carol.rooms.joined();
    expect(before).toEqual([{ room, nick: 'Carol', password: null }]);
    carol.rooms.dispose();
    const again = world.attach(carol.session, 'carol');
    expect(await again.rooms.rejoin(before)).toMatchObject([{ ok: true, room, nick: 'Carol' }]);
    await bob.next('occupant', (e) => e.kind === 'joined' && e.occupant.nick === 'Carol');

    await bob.rooms.send(room, 'welcome back');
    expect(await again.next('message', (m) => m.body === 'welcome back')).toMatchObject({ room, nick: 'Bob' });
  });
});
