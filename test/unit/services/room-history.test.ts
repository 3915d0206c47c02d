/**
 * Room history on this computer (issue 13): room messages stored once however they came (live, sent from
 * here, from the room's archive), the archive read after each join from where it was left, and the stored
 * pages read back. The store is the real message database over a real SQLite file; the room's archive is given
 * as the pages a room would answer.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../../app/domain/account.js';
import type { RoomMessage } from '../../../app/domain/rooms.js';
import type { EventName } from '../../../app/ipc/channels.js';
import type { EventPayloads } from '../../../app/ipc/contract.js';
import type { EmitEvent } from '../../../main/services/event-sink.js';
import { MAX_ROOM_CATCH_UP_PAGES, ROOM_HISTORY_PAGE } from '../../../main/services/room-catch-up.js';
import { createRoomHistory, loadRoomHistory } from '../../../main/services/room-history.js';
import { openMessageDb, type MessageDb } from '../../../main/store/messages/message-db.js';
import type { FeatureLogEntry } from '../../../main/xmpp/features/feature-deps.js';
import type { RoomArchive, RoomArchivePage, RoomArchiveQuery } from '../../../main/xmpp/features/rooms/room-archive.js';
import { StanzaError } from '../../../main/xmpp/link.js';
import { useTempDirs } from '../store/temp-dir.js';

const ACCOUNT = 'acc-1' as AccountId;
const ROOM = 'lobby@rooms.example.org';
const tempDir = useTempDirs();

let n = 0;
function said(nick: string, body: string, archiveId: string | null, extra: Partial<RoomMessage> = {}): RoomMessage {
  n += 1;
  return {
    id: `local-${n}`,
    accountId: ACCOUNT,
    room: ROOM,
    nick,
    direction: 'in',
    body,
    at: new Date(Date.UTC(2026, 10, 1, 12, 0, n)).toISOString(),
    state: 'received',
    stanzaId: null,
    originId: null,
    archiveId,
    ...extra,
  };
}

/** A room archive that answers from a list of messages, as a room would (after an id, or the newest page). */
function roomArchive(held: RoomMessage[], options: { forget: boolean } = { forget: false }) {
  const queries: RoomArchiveQuery[] = [];
  const archive: RoomArchive = {
    page: async (query): Promise<RoomArchivePage> => {
      queries.push(query);
      const copies = held.map((m) => ({ ...m, id: `archived-${m.id}` }));
      if ('after' in query.position) {
        const from = copies.findIndex((m) => m.archiveId === (query.position as { after: string }).after);
        if (from < 0 || options.forget) throw new StanzaError('item-not-found', 'cancel');
        const page = copies.slice(from + 1, from + 1 + query.max);
        return { messages: page, complete: from + 1 + query.max >= copies.length, last: page.at(-1)?.archiveId ?? null };
      }
      const page = copies.slice(-query.max);
      return { messages: page, complete: true, last: page.at(-1)?.archiveId ?? null };
    },
  };
  return { archive, queries };
}

async function setup(archive: RoomArchive | null) {
  const db: MessageDb = openMessageDb({ file: path.join(await tempDir(), 'messages.sqlite'), now: () => new Date('2026-12-01T08:00:00Z'), report: () => undefined });
  const logged: FeatureLogEntry[] = [];
  const history = createRoomHistory({ accountId: ACCOUNT, messages: db, log: (e) => logged.push(e), archive: () => archive });
  const told: Array<{ event: EventName; payload: unknown }> = [];
  const emit: EmitEvent = (event, payload) => told.push({ event, payload });
  const through = history.through(emit);
  const shown = () => told.filter((t) => t.event === 'roomMessageReceived').map((t) => (t.payload as RoomMessage).body);
  const stored = () => loadRoomHistory(db, ACCOUNT, ROOM, undefined, 200).messages;
  /** The room let us in: the catch-up starts; resolves when it has run (the archive answers at once). */
  const join = async () => {
    through('roomChanged', { accountId: ACCOUNT, room: ROOM, kind: 'joined', text: null, summary: null } satisfies EventPayloads['roomChanged']);
    for (let i = 0; i < 50; i += 1) await Promise.resolve();
  };
  return { db, history, through, told, shown, stored, join, logged };
}

describe('room history on this computer', () => {
  it('a first join shows the newest page of the archive, in order; what came live before it is not shown again', async () => {
    const older = Array.from({ length: 150 }, (_, i) => said('Bob', `old ${i}`, `a-${i}`));
    const { archive, queries } = roomArchive(older);
    const { through, shown, stored, join } = await setup(archive);
    // The room sends live messages as soon as we are in, before the archive is asked.
    through('roomMessageReceived', { ...older[149]!, id: 'live-copy' });
    expect(shown()).toEqual(['old 149']);
    await join();
    expect(queries).toEqual([{ room: ROOM, position: { newest: true }, max: ROOM_HISTORY_PAGE }]);
    expect(shown()).toEqual(['old 149', ...older.slice(50, 149).map((m) => m.body)]);
    // Stored once each, in the room's order, the live copy keeping its local id.
    const all = stored();
    expect(all.map((m) => m.body)).toEqual(older.slice(50).map((m) => m.body));
    expect(all.at(-1)?.id).toBe('live-copy');
  });

  it('a later join reads what follows the last message stored, page by page; a message that then comes live is not shown twice', async () => {
    const messages = [said('Bob', 'one', 'a-1'), said('Carol', 'two', 'a-2')];
    const { archive, queries } = roomArchive(messages);
    const { through, shown, stored, join, history } = await setup(archive);
    await join();
    expect(shown()).toEqual(['one', 'two']);
    // Out of the room (the session ended); meanwhile the room goes on.
    history.offline();
    messages.push(said('Bob', 'three', 'a-3'), said('Bob', 'four', 'a-4'));
    await join();
    expect(queries.at(-1)).toEqual({ room: ROOM, position: { after: 'a-2' }, max: ROOM_HISTORY_PAGE });
    expect(shown()).toEqual(['one', 'two', 'three', 'four']);
    // The same message again, live (a room that repeats itself): stored and shown once.
    through('roomMessageReceived', { ...messages[3]!, id: 'again' });
    expect(shown()).toEqual(['one', 'two', 'three', 'four']);
    expect(stored().map((m) => m.body)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('live messages move the sync point only once the archive was read to its end: a rejoin does not miss what came before them', async () => {
    const messages = [said('Bob', 'one', 'a-1')];
    const { archive, queries } = roomArchive(messages);
    const { db, through, join, history } = await setup(archive);
    await join();
    expect(db.roomSyncPoint(ACCOUNT, ROOM)).toBe('a-1');
    const live = said('Bob', 'live after the catch-up', 'a-2');
    messages.push(live);
    through('roomMessageReceived', live);
    expect(db.roomSyncPoint(ACCOUNT, ROOM)).toBe('a-2');
    // Dropped; the next session's room sends a live message before its catch-up runs.
    history.offline();
    messages.push(said('Bob', 'missed', 'a-3'));
    const early = said('Bob', 'first live of the new session', 'a-4');
    messages.push(early);
    through('roomMessageReceived', early);
    expect(db.roomSyncPoint(ACCOUNT, ROOM)).toBe('a-2');
    await join();
    expect(queries.at(-1)?.position).toEqual({ after: 'a-2' });
    expect(loadRoomHistory(db, ACCOUNT, ROOM, undefined, 50).messages.map((m) => m.body)).toEqual([
      'one',
      'live after the catch-up',
      'missed',
      'first live of the new session',
    ]);
    expect(db.roomSyncPoint(ACCOUNT, ROOM)).toBe('a-4');
  });

  it("an archived message keeps its place after the live one it follows, though the archive's stamp has whole seconds", async () => {
    const messages = [said('Bob', 'live', 'a-1', { at: '2026-11-01T12:00:30.400Z' })];
    const { archive } = roomArchive(messages);
    const { through, stored, join, history } = await setup(archive);
    await join();
    through('roomMessageReceived', messages[0]!);
    history.offline();
    messages.push(said('Bob', 'archived, same second', 'a-2', { at: '2026-11-01T12:00:30.000Z' }), said('Bob', 'next', 'a-3', { at: '2026-11-01T12:00:30.000Z' }));
    await join();
    expect(stored().map((m) => m.body)).toEqual(['live', 'archived, same second', 'next']);
  });

  it('our own message is stored as sent, delivered with the room id, and recognised when the archive brings it (origin-id and our nickname)', async () => {
    const { history, through, shown, stored } = await setup(null);
    const mine = said('Alice', 'from me', null, { direction: 'out', state: 'sent', originId: 'o-1', stanzaId: 'o-1' });
    history.sent(mine);
    expect(stored()).toEqual([mine]);
    // The archive's copy before the reflection: same origin-id and nickname, so it is ours, not a new message.
    through('roomMessageReceived', said('Alice', 'from me', 'a-9', { originId: 'o-1' }));
    expect(shown()).toEqual([]);
    through('roomMessageUpdated', { accountId: ACCOUNT, room: ROOM, id: mine.id, state: 'delivered', archiveId: 'a-9', error: null });
    expect(stored()).toEqual([{ ...mine, state: 'delivered', archiveId: 'a-9' }]);
  });

  it('someone else using our origin-id is not us: their message is stored as theirs', async () => {
    const { history, through, shown, stored } = await setup(null);
    const mine = said('Alice', 'from me', null, { direction: 'out', state: 'sent', originId: 'o-1' });
    history.sent(mine);
    through('roomMessageReceived', said('Mallory', 'copying your id', 'a-5', { originId: 'o-1' }));
    expect(shown()).toEqual(['copying your id']);
    expect(stored().map((m) => [m.nick, m.direction, m.archiveId])).toEqual([
      ['Alice', 'out', null],
      ['Mallory', 'in', 'a-5'],
    ]);
  });

  it("a delivery that comes before the send's answer is kept and applied when the message is stored", async () => {
    const { history, through, stored } = await setup(null);
    const mine = said('Alice', 'quick', null, { direction: 'out', state: 'sent', originId: 'o-2' });
    through('roomMessageUpdated', { accountId: ACCOUNT, room: ROOM, id: mine.id, state: 'delivered', archiveId: 'a-3', error: null });
    history.sent(mine);
    expect(stored()).toEqual([{ ...mine, state: 'delivered', archiveId: 'a-3' }]);
  });

  it('an archive that no longer knows the sync point is read again from its newest page; each message still once', async () => {
    const messages = [said('Bob', 'one', 'a-1'), said('Bob', 'two', 'a-2')];
    const forgetful = { forget: false };
    const { archive, queries } = roomArchive(messages, forgetful);
    const { db, shown, stored, join, history } = await setup(archive);
    await join();
    expect(db.roomSyncPoint(ACCOUNT, ROOM)).toBe('a-2');
    history.offline();
    // The room's archive was cleared of what we know, but still holds the recent messages and one more.
    forgetful.forget = true;
    messages.push(said('Bob', 'three', 'a-3'));
    await join();
    expect(queries.map((q) => q.position)).toEqual([{ newest: true }, { after: 'a-2' }, { newest: true }]);
    expect(shown()).toEqual(['one', 'two', 'three']);
    expect(stored().map((m) => m.body)).toEqual(['one', 'two', 'three']);
  });

  it('reads at most a bounded number of pages per join, and continues from there after the next join', async () => {
    const messages = [said('Bob', 'start', 'a-start')];
    const { archive, queries } = roomArchive(messages);
    const { db, join, history, stored } = await setup(archive);
    await join();
    history.offline();
    const many = (MAX_ROOM_CATCH_UP_PAGES + 1) * ROOM_HISTORY_PAGE;
    for (let i = 0; i < many; i += 1) messages.push(said('Bob', `m${i}`, `a-${i}`));
    await join();
    expect(queries.length).toBe(1 + MAX_ROOM_CATCH_UP_PAGES);
    expect(stored().length).toBe(200);
    expect(db.roomSyncPoint(ACCOUNT, ROOM)).toBe(`a-${MAX_ROOM_CATCH_UP_PAGES * ROOM_HISTORY_PAGE - 1}`);
    await join();
    expect(loadRoomHistory(db, ACCOUNT, ROOM, undefined, 1).messages.map((m) => m.body)).toEqual([`m${many - 1}`]);
  });

  it('pages the stored history backwards, oldest first within a page; another room or account sees none of it', async () => {
    const { db, through } = await setup(null);
    for (const body of ['a', 'b', 'c']) through('roomMessageReceived', said('Bob', body, `id-${body}`));
    const newest = loadRoomHistory(db, ACCOUNT, ROOM, undefined, 2);
    expect(newest).toEqual({ messages: [expect.objectContaining({ body: 'b' }), expect.objectContaining({ body: 'c' })], complete: false });
    const older = loadRoomHistory(db, ACCOUNT, ROOM, newest.messages[0]?.id, 2);
    expect(older).toEqual({ messages: [expect.objectContaining({ body: 'a' })], complete: true });
    expect(loadRoomHistory(db, ACCOUNT, 'other@rooms.example.org', undefined, 10).messages).toEqual([]);
    expect(loadRoomHistory(db, 'acc-2' as AccountId, ROOM, undefined, 10).messages).toEqual([]);
    // A cursor from another room gives nothing rather than that room's messages.
    expect(loadRoomHistory(db, ACCOUNT, 'other@rooms.example.org', newest.messages[0]?.id, 10)).toEqual({ messages: [], complete: true });
  });

  it('room messages go with the account when its history is cleared, and with the retention period', async () => {
    const { db, through } = await setup(null);
    through('roomMessageReceived', said('Bob', 'ancient', 'a-1', { at: '2020-01-01T00:00:00.000Z' }));
    through('roomMessageReceived', said('Bob', 'recent', 'a-2', { at: '2026-11-30T00:00:00.000Z' }));
    expect(db.prune(new Date('2026-01-01T00:00:00Z'))).toBe(1);
    expect(loadRoomHistory(db, ACCOUNT, ROOM, undefined, 10).messages.map((m) => m.body)).toEqual(['recent']);
    expect(db.clearAccount(ACCOUNT)).toBe(1);
    expect(loadRoomHistory(db, ACCOUNT, ROOM, undefined, 10).messages).toEqual([]);
  });
});
