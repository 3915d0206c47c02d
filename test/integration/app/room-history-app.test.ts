/**
 * Room history (issue 13, items 1 and 7) through the app, on valid.test's room service with its archive
 * (mod_muc_mam): what was said while an account was not in the room comes from the room's own archive when it
 * joins, each message once and in order, followed by the live ones; room messages are kept on this computer,
 * so a restarted app shows the room's history before it connects, and its next join brings only what is new.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RoomMessage } from '../../../app/domain/rooms.js';
import { password, ROOM_SERVICE } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import type { TestApp } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import type { ChatClient } from './chat-client.js';
import { chatSuite } from './chat-suite.js';
import { restartableApps } from './restartable-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const ALICE = 'alice@valid.test';
const BOB = 'bob@valid.test';

/** A room of its own for each test: the file shares one Prosody. */
const newRoom = () => `history-${randomUUID().slice(0, 8)}@${ROOM_SERVICE}`;

describe.runIf(available)('room history', () => {
  const suite = chatSuite();
  const { appOn, freshDir } = restartableApps(suite, 'hostproof-room-history-');

  /** Alice says each line in the room, and waits until the room has taken it (it is in the room's archive then). */
  async function say(alice: ChatClient, room: string, bodies: readonly string[]): Promise<void> {
    for (const body of bodies) {
      const sent = await alice.call('sendRoomMessage', { accountId: alice.accountId, room, body });
      await alice.next('roomMessageUpdated', (u) => u.id === sent.id && u.state === 'delivered');
    }
  }

  const bodiesIn = (events: TestApp['events'], room: string, from = 0) =>
    events.slice(from).flatMap((e) => (e.event === 'roomMessageReceived' && (e.payload as RoomMessage).room === room ? [(e.payload as RoomMessage).body] : []));

  it('what was said before an account joined comes from the room archive when it joins, each once and in order, then the live messages', async () => {
    const alice = await suite.open(ALICE, 'desk');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    await say(alice, room, ['one', 'two', 'three']);

    const bob = await suite.open(BOB, 'laptop');
    const mark = bob.mark();
    await bob.call('joinRoom', { accountId: bob.accountId, room, nick: 'Bob' });
    await bob.next('roomMessageReceived', (m) => m.room === room && m.body === 'three', { after: mark });
    // Barrier: a live message behind them. Nothing of the archive is shown again after it.
    await say(alice, room, ['four']);
    await bob.next('roomMessageReceived', (m) => m.room === room && m.body === 'four', { after: mark });
    expect(bodiesIn(bob.app.events, room, mark)).toEqual(['one', 'two', 'three', 'four']);
    const archived = bob.all('roomMessageReceived', mark).filter((m) => m.body === 'one');
    expect(archived).toEqual([expect.objectContaining({ accountId: bob.accountId, room, nick: 'Alice', direction: 'in', archiveId: expect.any(String) })]);

    // Both keep the room's history: Bob's as received, Alice's own lines as hers, confirmed by the room.
    const bobs = await bob.call('loadRoomHistory', { accountId: bob.accountId, room, limit: 50 });
    expect(bobs.messages.map((m) => [m.nick, m.direction, m.body])).toEqual([
      ['Alice', 'in', 'one'],
      ['Alice', 'in', 'two'],
      ['Alice', 'in', 'three'],
      ['Alice', 'in', 'four'],
    ]);
    expect(bobs.complete).toBe(true);
    const alices = await alice.call('loadRoomHistory', { accountId: alice.accountId, room, limit: 50 });
    expect(alices.messages.map((m) => [m.nick, m.direction, m.state, m.body])).toEqual([
      ['Alice', 'out', 'delivered', 'one'],
      ['Alice', 'out', 'delivered', 'two'],
      ['Alice', 'out', 'delivered', 'three'],
      ['Alice', 'out', 'delivered', 'four'],
    ]);
    // The same room ids on both sides: one message, one key.
    expect(alices.messages.map((m) => m.archiveId)).toEqual(bobs.messages.map((m) => m.archiveId));
  });

  it('a restarted app shows the room history from this computer before connecting; the next join brings only what is new', async () => {
    const alice = await suite.open(ALICE, 'desk');
    const room = newRoom();
    await alice.call('joinRoom', { accountId: alice.accountId, room, nick: 'Alice' });
    await say(alice, room, ['before Bob came']);

    const dir = await freshDir();
    const first = await appOn(dir);
    const { settings } = await first.call('addAccount', { jid: BOB, password: password('bob'), rememberPassword: false });
    const bobId = settings.id;
    await waitForEvent(first.app.events, 'rosterChanged', (p) => p.accountId === bobId);
    await first.call('joinRoom', { accountId: bobId, room, nick: 'Bob' });
    await waitForEvent(first.app.events, 'roomMessageReceived', (m) => m.body === 'before Bob came');
    await say(alice, room, ['hello Bob']);
    await waitForEvent(first.app.events, 'roomMessageReceived', (m) => m.body === 'hello Bob');
    const mine = await first.call('sendRoomMessage', { accountId: bobId, room, body: 'hi Alice' });
    await waitForEvent(first.app.events, 'roomMessageUpdated', (u) => u.id === mine.id && u.state === 'delivered');
    await first.app.close();
    await alice.next('roomChanged', (c) => c.room === room && c.text === 'Bob left the room.');
    await say(alice, room, ['while you were away']);

    const second = await appOn(dir);
    // Not connected (nothing asked for the password): the room's history comes from the local database.
    const newest = await second.call('loadRoomHistory', { accountId: bobId, room, limit: 2 });
    expect(newest.messages.map((m) => [m.nick, m.direction, m.body])).toEqual([
      ['Alice', 'in', 'hello Bob'],
      ['Bob', 'out', 'hi Alice'],
    ]);
    expect(newest.messages[1]).toMatchObject({ id: mine.id, state: 'delivered' });
    expect(newest.complete).toBe(false);
    const older = await second.call('loadRoomHistory', { accountId: bobId, room, limit: 2, before: newest.messages[0]?.id });
    expect(older).toEqual({ messages: [expect.objectContaining({ body: 'before Bob came' })], complete: true });
    expect(second.app.events.filter((e) => e.event === 'connectionChanged')).toEqual([]);

    // Online again and back in the room: only what was said meanwhile comes from the archive, then live ones.
    const mark = second.app.events.length;
    await second.call('connect', { accountId: bobId, password: password('bob') });
    await waitForEvent(second.app.events, 'rosterChanged', (p) => p.accountId === bobId, { after: mark });
    await second.call('joinRoom', { accountId: bobId, room, nick: 'Bob' });
    await waitForEvent(second.app.events, 'roomMessageReceived', (m) => m.body === 'while you were away', { after: mark });
    await say(alice, room, ['welcome back']);
    await waitForEvent(second.app.events, 'roomMessageReceived', (m) => m.body === 'welcome back', { after: mark });
    expect(bodiesIn(second.app.events, room, mark)).toEqual(['while you were away', 'welcome back']);
    const all = await second.call('loadRoomHistory', { accountId: bobId, room, limit: 50 });
    expect(all.messages.map((m) => m.body)).toEqual(['before Bob came', 'hello Bob', 'hi Alice', 'while you were away', 'welcome back']);
  });
});
