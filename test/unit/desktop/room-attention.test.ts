/**
 * Room messages on the desktop: the room's setting (kept in a real file) decides whether a message notifies,
 * only counts, or stays quiet; a mention notifies as "room — nick"; our own, replayed and archived messages
 * never call. The real store, room alerts and attention, with the desktop recorded.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoomMessage } from '../../../app/domain/rooms.js';
import { createAttention } from '../../../main/services/attention.js';
import { createRoomAlerts, LIVE_WINDOW_MS } from '../../../main/services/room-alerts.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createRoomNotifyStore } from '../../../main/store/room-notify-store.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();
const ACCOUNT = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const ROOM = 'lobby@rooms.example.org';
const NOW = new Date('2026-12-01T12:00:00.000Z');

let next = 0;
const message = (over: Partial<RoomMessage> = {}): RoomMessage => ({
  id: `m${(next += 1)}`, accountId: ACCOUNT, room: ROOM, nick: 'carol', direction: 'in', body: 'hello all', at: NOW.toISOString(),
  state: 'received', stanzaId: null, originId: null, archiveId: null, ...over,
});

async function setup() {
  const dir = await tempDir();
  const store = createRoomNotifyStore({ file: join(dir, 'room-notify.json'), now: () => NOW, report: () => undefined, locks: createPathLocks() });
  const alerts = createRoomAlerts({ store, now: () => NOW, nickOf: (_account, room) => (room === ROOM ? 'Bob' : null) });
  const seen = { titles: [] as string[], notes: [] as Array<{ title: string; body: string; onClick: () => void }>, shown: [] as string[] };
  let clock = 0;
  const attention = createAttention({
    platform: 'linux',
    isFocused: () => false,
    setTitle: (t) => seen.titles.push(t),
    setBadge: () => undefined,
    notify: (n) => seen.notes.push(n),
    openChat: () => undefined,
    showRoom: (_accountId, room) => seen.shown.push(room),
    // A minute between messages: the spacing of notifications never hides one here.
    now: () => (clock += 60_000),
  });
  const receive = async (m: RoomMessage) => attention.roomMessageReceived(m, await alerts.alertFor(m));
  return { alerts, seen, receive };
}

describe('room notifications', () => {
  it('by default a mention notifies as "room — nick" and other messages only count as unread', async () => {
    const { seen, receive } = await setup();
    await receive(message({ body: 'nothing for you here' }));
    await receive(message({ body: 'the bobcat is out' }));
    expect(seen.notes).toEqual([]);
    expect(seen.titles.at(-1)).toBe('Hostproof (2)');

    await receive(message({ body: 'BOB: can you look?' }));
    expect(seen.notes.map((n) => [n.title, n.body])).toEqual([['lobby — carol', 'BOB: can you look?']]);
    expect(seen.titles.at(-1)).toBe('Hostproof (3)');
    seen.notes[0]!.onClick();
    expect(seen.shown).toEqual([ROOM]);
    // The sender marked it as a mention of us (XEP-0372), whatever the text says.
    await receive(message({ nick: 'dave', body: 'see above', mentionsMe: true }));
    expect(seen.notes.map((n) => n.title)).toEqual(['lobby — carol', 'lobby — dave']);
  });

  it("'all' notifies every message; 'none' neither notifies nor counts, not even a mention", async () => {
    const { alerts, seen, receive } = await setup();
    await alerts.set(ACCOUNT, ROOM, 'all');
    await receive(message({ body: 'first' }));
    await receive(message({ body: 'second' }));
    expect(seen.notes.map((n) => n.body)).toEqual(['first', 'second']);

    await alerts.set(ACCOUNT, ROOM, 'none');
    await receive(message({ body: 'Bob, are you there?' }));
    expect(seen.notes).toHaveLength(2);
    expect(seen.titles.at(-1)).toBe('Hostproof (2)');
  });

  it('never for our own messages, our nickname from another client, a room we are not in, replays or the archive', async () => {
    const { alerts, seen, receive } = await setup();
    await alerts.set(ACCOUNT, ROOM, 'all');
    await receive(message({ direction: 'out', nick: 'Bob', body: 'mine' }));
    await receive(message({ nick: 'Bob', body: 'mine from my phone' }));
    await receive(message({ room: 'other@rooms.example.org', body: 'not joined' }));
    await receive(message({ body: 'an old line, bob', at: new Date(NOW.getTime() - LIVE_WINDOW_MS - 1).toISOString() }));
    await receive(message({ body: 'from the archive', state: 'delivered' }));
    expect(seen.notes).toEqual([]);
    expect(seen.titles).toEqual([]);
  });

  it('the notification text is made safe for the desktop (markup escaped on Linux)', async () => {
    const { seen, receive } = await setup();
    await receive(message({ nick: '<b>eve</b>', body: 'bob <img src=x>' }));
    expect(seen.notes[0]).toMatchObject({ title: 'lobby — &lt;b&gt;eve&lt;/b&gt;', body: 'bob &lt;img src=x&gt;' });
  });
});
