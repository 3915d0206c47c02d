/**
 * Rooms (XEP-0045) through the app's requests, on valid.test's room service: two accounts join a room,
 * message each other, see the subject change and each other leave; a nickname already taken reaches the
 * caller as a plain-words error with another nickname to try; and after a dropped connection the server
 * would not resume, the account joins its rooms again by itself.
 */
import { randomUUID } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { NetworkStatus } from '../../../main/xmpp/account-connection.js';
import { openOnlineSession } from '../../../main/xmpp/session/open-session.js';
import { ROOM_SERVICE } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

/** A room of its own for each test: the file shares one Prosody. */
const newRoom = () => `room-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;

describe.runIf(available)('rooms through the app', () => {
  const suite = chatSuite();

  it('two accounts join a room, message each other, see the subject change, and one leaves', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    expect(await alice.call('listRoomServices', { accountId: alice.accountId })).toEqual([ROOM_SERVICE]);

    const room = newRoom();
    // Alice creates it (an instant room): she is its owner, and it is on her own server.
    const mine = await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    expect(mine).toMatchObject({ accountId: alice.accountId, room, nick: 'Alice', reach: 'own-server' });
    expect(mine.occupants).toEqual([expect.objectContaining({ nick: 'Alice', role: 'moderator', affiliation: 'owner' })]);

    const aliceMark = alice.mark();
    const bobs = await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    expect(bobs.occupants.map((o) => o.nick).sort()).toEqual(['Alice', 'Bob']);
    const arrival = await alice.next('roomChanged', (c) => c.room === room && c.kind === 'occupants', { after: aliceMark });
    expect(arrival.text).toBe('Bob joined the room.');
    expect(arrival.summary?.occupants.map((o) => o.nick).sort()).toEqual(['Alice', 'Bob']);

    // Alice → room: Bob gets it once, with her nickname; Alice's own copy is confirmed by the room.
    const sent = await alice.call('sendRoomMessage', { accountId: alice.accountId, room, body: 'Hello room <b>&amp;</b>' });
    expect(sent).toMatchObject({ room, nick: 'Alice', direction: 'out', state: 'sent' });
    const got = await bob.next('roomMessageReceived', (m) => m.room === room);
    expect(got).toMatchObject({ accountId: bob.accountId, nick: 'Alice', direction: 'in', body: 'Hello room <b>&amp;</b>', originId: sent.originId });
    const confirmed = await alice.next('roomMessageUpdated', (u) => u.id === sent.id);
    expect(confirmed).toMatchObject({ accountId: alice.accountId, room, state: 'delivered', error: null });
    expect(confirmed.archiveId).toEqual(expect.any(String));

    // Bob → room.
    await bob.call('sendRoomMessage', { accountId: bob.accountId, room, body: 'Hi Alice' });
    expect(await alice.next('roomMessageReceived', (m) => m.room === room)).toMatchObject({ nick: 'Bob', body: 'Hi Alice' });

    // Alice (the owner: Prosody lets only moderators change it) sets the subject; Bob sees who did, and the
    // room's summary carries it.
    const subjectMark = bob.mark();
    await alice.call('setRoomSubject', { accountId: alice.accountId, room, subject: 'Plans for Friday' });
    const subject = await bob.next('roomChanged', (c) => c.room === room && c.kind === 'subject', { after: subjectMark });
    expect(subject).toMatchObject({ text: 'Alice changed the subject.', summary: { subject: 'Plans for Friday' } });
    const listed = await bob.call('listJoinedRooms', { accountId: bob.accountId });
    expect(listed).toEqual([expect.objectContaining({ room, nick: 'Bob', subject: 'Plans for Friday', reach: 'own-server' })]);

    // Bob leaves: he is told, Alice sees him go, and the room is no longer his to write to.
    const leaveMark = alice.mark();
    const bobLeaveMark = bob.mark();
    await bob.call('leaveRoom', { accountId: bob.accountId, room });
    expect(await bob.next('roomChanged', (c) => c.room === room && c.kind === 'left', { after: bobLeaveMark })).toMatchObject({ text: 'You left the room.', summary: null });
    const gone = await alice.next('roomChanged', (c) => c.room === room && c.kind === 'occupants', { after: leaveMark });
    expect(gone.text).toBe('Bob left the room.');
    expect(gone.summary?.occupants.map((o) => o.nick)).toEqual(['Alice']);
    expect(await bob.call('listJoinedRooms', { accountId: bob.accountId })).toEqual([]);
    await expect(bob.call('sendRoomMessage', { accountId: bob.accountId, room, body: 'still here?' })).rejects.toThrow('failed: You are not in this room.');
  });

  it('a nickname already in the room is refused in plain words, with another one to try', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    const bob = await suite.open('bob@valid.test', 'laptop');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Sam' });

    await expect(bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Sam' })).rejects.toThrow(
      'joinRoom failed: failed: Someone in this room already uses that nickname. Choose another one. You could try "Sam2".',
    );
    expect(await bob.call('listJoinedRooms', { accountId: bob.accountId })).toEqual([]);
    // The suggestion works.
    expect(await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Sam2' })).toMatchObject({ room, nick: 'Sam2' });
  });

  it('joins its rooms again after a dropped connection the server would not resume', async () => {
    const alice = await suite.open('alice@valid.test', 'desk');
    // Bob's app: its sockets can be cut, and it believes the network is down until told otherwise, so it waits.
    const sockets: TLSSocket[] = [];
    let online = true;
    const listeners = new Set<() => void>();
    const networkStatus: NetworkStatus = {
      isOnline: () => online,
      onOnline: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const bob = await suite.open('bob@valid.test', 'laptop', {
      app: {
        networkStatus,
        openSession: async (args) => {
          sockets.push(args.connection.socket);
          return openOnlineSession(args);
        },
      },
    });
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });

    // The connection drops while the network is "down": Bob's app waits to reconnect.
    online = false;
    const dropMark = bob.mark();
    sockets[0]!.destroy();
    await bob.stage('reconnecting', dropMark);

    // Meanwhile another login takes the same resource: the server ends the session waiting to be resumed,
    // and the room sees Bob go.
    const aliceMark = alice.mark();
    const other = await suite.open('bob@valid.test', 'laptop');
    await alice.next('roomChanged', (c) => c.room === room && c.kind === 'occupants' && c.text === 'Bob left the room.', { after: aliceMark });
    await other.app.close();

    // The network is back: the stream cannot be resumed, a fresh session binds, and Bob is in the room again.
    const backMark = bob.mark();
    online = true;
    for (const listener of [...listeners]) listener();
    await bob.stage('online', backMark);
    const rejoined = await bob.next('roomChanged', (c) => c.room === room && c.kind === 'joined', { after: backMark });
    expect(rejoined.summary).toMatchObject({ room, nick: 'Bob', reach: 'own-server' });
    expect(rejoined.summary?.occupants.map((o) => o.nick).sort()).toEqual(['Alice', 'Bob']);
    await alice.next('roomChanged', (c) => c.room === room && c.kind === 'occupants' && c.text === 'Bob joined the room.', { after: aliceMark });
    expect(await bob.call('listJoinedRooms', { accountId: bob.accountId })).toEqual([expect.objectContaining({ room, nick: 'Bob' })]);

    await alice.call('sendRoomMessage', { accountId: alice.accountId, room, body: 'welcome back' });
    expect(await bob.next('roomMessageReceived', (m) => m.room === room && m.body === 'welcome back', { after: backMark })).toMatchObject({ nick: 'Alice' });
  });

  it('keeps a bookmark on the server, and a new app on the same account joins its autojoin room at login, and another hears of its removal', async () => {
    const first = await suite.open('alice@valid.test', 'desk');
    expect(await first.call('listBookmarks', { accountId: first.accountId })).toEqual([]);
    const room = newRoom();
    const bookmark = { room, name: 'Friday plans', autojoin: true, nick: 'Ali', password: null };
    await first.call('setBookmark', { accountId: first.accountId, ...bookmark });
    expect(await first.call('listBookmarks', { accountId: first.accountId })).toEqual([bookmark]);
    // Refused by the schema before it reaches the server: a bookmark's room is a room address.
    await expect(first.call('setBookmark', { accountId: first.accountId, ...bookmark, room: 'rooms.valid.test' })).rejects.toThrow();
    await first.app.close();

    const later = await suite.open('alice@valid.test', 'laptop');
    const joined = await later.next('roomChanged', (c) => c.room === room && c.kind === 'joined');
    expect(joined.summary).toMatchObject({ room, nick: 'Ali' });
    expect((await later.call('listJoinedRooms', { accountId: later.accountId })).map((r) => r.room)).toEqual([room]);

    // Another client of the same account (a second app) hears of changes at once.
    const phone = await suite.open('alice@valid.test', 'phone');
    // Barrier: the phone joins the autojoin room after it answered the server's caps query (which comes
    // first on its stream), so from then on the server knows the phone wants bookmark notifications.
    await phone.next('roomChanged', (c) => c.room === room && c.kind === 'joined');
    await later.call('removeBookmark', { accountId: later.accountId, room });
    expect(await phone.next('bookmarkChanged', (c) => c.room === room)).toEqual({ accountId: phone.accountId, room, bookmark: null });
    expect(await later.call('listBookmarks', { accountId: later.accountId })).toEqual([]);
  });
});
