import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MessageDbError, openMessageDb, type MessageDb } from '../../../../main/store/messages/message-db.js';
import type { MessageDbProblem } from '../../../../main/store/messages/open-database.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, endOfTurn, input, msg, OTHER_ACCOUNT } from './message-fixture.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const tempDir = useTempDirs();

async function open(): Promise<{ db: MessageDb; file: string; problems: MessageDbProblem[]; reopen: () => MessageDb }> {
  const file = path.join(await tempDir(), 'data', 'messages.sqlite');
  const problems: MessageDbProblem[] = [];
  const options = { file, now: () => NOW, report: (p: MessageDbProblem) => problems.push(p) };
  return { db: openMessageDb(options), file, problems, reopen: () => openMessageDb(options) };
}

describe('the message database', () => {
  it('keeps messages across a restart, in a file only the user can read', async () => {
    const { db, file, reopen } = await open();
    const a = msg({ body: 'first' });
    const b = msg({ body: 'second', direction: 'out', state: 'delivered' });
    db.store(input(a));
    db.store(input(b));
    db.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = reopen();
    expect(again.history(ACCOUNT, BOB, null, 50).messages.map((m) => [m.body, m.direction, m.state])).toEqual([
      ['first', 'in', 'received'],
      ['second', 'out', 'delivered'],
    ]);
    again.close();
  });

  it('stores a message once however it came: live, as a carbon copy, from the archive; the archive id is added', async () => {
    const { db } = await open();
    const live = msg({ body: 'hello', originId: 'o-1' });
    expect(db.store(input(live, true)).added).toBe(true);
    const carbon = { ...live, id: 'other-local-id', carbon: true };
    expect(db.store(input(carbon)).added).toBe(false);
    const archived = { ...live, id: 'archive-local-id', archiveId: 'A-1' };
    const stored = db.storeArchivePage(ACCOUNT, [input(archived)], 'A-1');
    expect(stored[0]).toEqual({ message: { ...live, archiveId: 'A-1' }, added: false });
    // Known by its archive id from now on, even without the origin-id.
    expect(db.store(input({ ...archived, id: 'x', originId: null })).added).toBe(false);
    expect(db.history(ACCOUNT, BOB, null, 50).messages).toHaveLength(1);
    expect(db.conversations(ACCOUNT)).toEqual([{ peer: BOB, lastMessage: { ...live, archiveId: 'A-1' }, unread: 1 }]);
    expect(db.lastArchiveId(ACCOUNT)).toBe('A-1');
    db.close();
  });

  it('pages back through history oldest first, the newest page first, and says when the start is reached', async () => {
    const { db } = await open();
    const all = Array.from({ length: 7 }, (_, i) => msg({ body: `line ${i}`, at: `2026-11-01T10:00:0${i}.000Z` }));
    // Stored out of order (an archive page arrives after live messages): history is still in time order.
    for (const m of [...all.slice(4), ...all.slice(0, 4)]) db.store(input(m));
    const newest = db.history(ACCOUNT, BOB, null, 3);
    expect(newest.messages.map((m) => m.body)).toEqual(['line 4', 'line 5', 'line 6']);
    expect(newest.reachedStart).toBe(false);
    const older = db.history(ACCOUNT, BOB, 'm-missing', 3);
    expect(older.messages.map((m) => m.body)).toEqual(['line 4', 'line 5', 'line 6']);
    const next = db.history(ACCOUNT, BOB, newest.messages[0]?.id ?? '', 3);
    expect(next.messages.map((m) => m.body)).toEqual(['line 1', 'line 2', 'line 3']);
    const last = db.history(ACCOUNT, BOB, next.messages[0]?.id ?? '', 3);
    expect(last).toEqual({ messages: [expect.objectContaining({ body: 'line 0' })], reachedStart: true });
    db.close();
  });

  it('an older history page stored later sorts before what was stored, even within one second', async () => {
    const { db } = await open();
    const second = '2026-11-01T10:00:00.000Z';
    for (const body of ['c', 'd']) db.store(input(msg({ body, at: second })));
    // Read backwards from the archive: page [a, b], stored newest first as older history.
    for (const body of ['b', 'a']) db.store({ ...input(msg({ body, at: second, archiveId: `A-${body}` })), older: true });
    const all = db.history(ACCOUNT, BOB, null, 10).messages;
    expect(all.map((m) => m.body)).toEqual(['a', 'b', 'c', 'd']);
    expect(db.history(ACCOUNT, BOB, all[2]?.id ?? '', 10).messages.map((m) => m.body)).toEqual(['a', 'b']);
    expect(db.conversations(ACCOUNT)[0]?.lastMessage?.body).toBe('d');
    db.close();
  });

  it('keeps the newest message as the conversation’s last and counts unread until read', async () => {
    const { db } = await open();
    db.store(input(msg({ body: 'new', at: '2026-11-02T10:00:00.000Z' }), true));
    db.storeArchivePage(ACCOUNT, [input(msg({ body: 'old', at: '2026-10-01T10:00:00.000Z', archiveId: 'A-0' }))], null);
    db.store(input(msg({ peer: 'carol@example.org', body: 'hi carol', at: '2026-11-01T10:00:00.000Z' })));
    const list = db.conversations(ACCOUNT);
    expect(list.map((c) => [c.peer, c.lastMessage?.body, c.unread])).toEqual([
      [BOB, 'new', 1],
      ['carol@example.org', 'hi carol', 0],
    ]);
    db.markRead(ACCOUNT, BOB);
    expect(db.conversations(ACCOUNT)[0]?.unread).toBe(0);
    expect(db.conversations(OTHER_ACCOUNT)).toEqual([]);
    db.close();
  });

  it('moves delivery states forward only, and lists the outgoing messages still to send or confirm', async () => {
    const { db, reopen } = await open();
    const queued = msg({ direction: 'out', state: 'queued', body: 'written offline' });
    const sent = msg({ direction: 'out', state: 'sent', body: 'awaiting receipt' });
    db.store(input(queued));
    db.store(input(sent));
    expect(db.updateState(ACCOUNT, sent.id, 'delivered', null)?.state).toBe('delivered');
    expect(db.updateState(ACCOUNT, sent.id, 'sent', null)).toBeNull();
    expect(db.updateState(ACCOUNT, 'unknown', 'sent', null)).toBeNull();
    db.close();
    const again = reopen();
    expect(again.outgoing(ACCOUNT, ['queued']).map((m) => m.body)).toEqual(['written offline']);
    expect(again.outgoing(ACCOUNT, ['sent', 'delivered']).map((m) => m.body)).toEqual(['awaiting receipt']);
    again.close();
  });

  it('deletes a conversation, an account’s history, and what is older than the retention, but not an unsent message', async () => {
    const { db } = await open();
    db.store(input(msg({ body: 'old', at: '2020-01-01T00:00:00.000Z' })));
    db.store(input(msg({ body: 'old but unsent', direction: 'out', state: 'queued', at: '2020-01-01T00:00:01.000Z' })));
    db.store(input(msg({ body: 'recent', at: '2026-11-30T00:00:00.000Z' })));
    db.store(input(msg({ peer: 'carol@example.org', body: 'carol' })));
    db.store(input(msg({ accountId: OTHER_ACCOUNT, body: 'other account' })));
    expect(db.prune(new Date('2026-01-01T00:00:00.000Z'))).toBe(1);
    expect(db.history(ACCOUNT, BOB, null, 10).messages.map((m) => m.body)).toEqual(['old but unsent', 'recent']);
    expect(db.search({ text: 'old', limit: 10 }).map((h) => h.message.body)).toEqual(['old but unsent']);
    expect(db.deleteConversation(ACCOUNT, 'carol@example.org')).toBe(1);
    expect(db.conversations(ACCOUNT).map((c) => c.peer)).toEqual([BOB]);
    expect(db.clearAccount(ACCOUNT)).toBe(2);
    expect(db.conversations(ACCOUNT)).toEqual([]);
    expect(db.conversations(OTHER_ACCOUNT)).toHaveLength(1);
    // A conversation whose every message was pruned leaves the list.
    db.store(input(msg({ peer: 'dave@example.org', body: 'long ago', at: '2019-01-01T00:00:00.000Z' })));
    expect(db.conversations(ACCOUNT).map((c) => c.peer)).toEqual(['dave@example.org']);
    expect(db.prune(new Date('2026-01-01T00:00:00.000Z'))).toBe(1);
    expect(db.conversations(ACCOUNT)).toEqual([]);
    // A deleted message's keys go with it: the same message from the archive is stored again.
    expect(db.store(input(msg({ body: 'recent', originId: 'origin-recent' }))).added).toBe(true);
    db.close();
  });

  it('a full disk fails a message the user wrote with a typed error, says so once, and keeps what is stored', async () => {
    const file = path.join(await tempDir(), 'messages.sqlite');
    const problems: MessageDbProblem[] = [];
    // SQLite's own size cap gives the same SQLITE_FULL a full disk gives.
    const db = openMessageDb({ file, now: () => NOW, report: (p) => problems.push(p), maxPages: 40 });
    const ours = (body: string) => input(msg({ direction: 'out', state: 'queued', body }));
    db.store(ours('kept'));
    const big = 'x'.repeat(4_000);
    let failure: unknown = null;
    for (let i = 0; i < 200 && failure === null; i += 1) {
      try {
        db.store(ours(`${big} ${i}`));
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(MessageDbError);
    expect((failure as MessageDbError).kind).toBe('disk-full');
    expect(() => db.store(ours(big))).toThrow(MessageDbError);
    expect(problems.map((p) => p.kind)).toEqual(['disk-full']);
    expect(problems[0]?.message).toContain('Nothing already saved is lost');
    db.close();
    const again = openMessageDb({ file, now: () => NOW, report: (p) => problems.push(p) });
    const kept = again.history(ACCOUNT, BOB, null, 500).messages;
    expect(kept[0]?.body).toBe('kept');
    expect(kept.length).toBeGreaterThan(1);
    again.close();
  });

  it('incoming messages of one turn are committed together at its end; a full disk loses that turn only, told once', async () => {
    const file = path.join(await tempDir(), 'messages.sqlite');
    const problems: MessageDbProblem[] = [];
    const db = openMessageDb({ file, now: () => NOW, report: (p) => problems.push(p), maxPages: 40 });
    const peek = () => {
      const raw = new Database(file, { readonly: true });
      try {
        return (raw.prepare('SELECT body FROM messages ORDER BY rowid').all() as Array<{ body: string }>).map((r) => r.body);
      } finally {
        raw.close();
      }
    };
    db.store(input(msg({ body: 'first' })));
    db.store(input(msg({ body: 'second' })));
    // Another connection sees nothing of the turn until it is over; the database itself answers at once.
    expect(peek()).toEqual([]);
    expect(db.history(ACCOUNT, BOB, null, 10).messages.map((m) => m.body)).toEqual(['first', 'second']);
    await endOfTurn();
    expect(peek()).toEqual(['first', 'second']);

    const big = 'x'.repeat(4_000);
    let failure: unknown = null;
    for (let i = 0; i < 200 && failure === null; i += 1) {
      try {
        db.store(input(msg({ body: `${big} ${i}` })));
      } catch (error) {
        failure = error;
      }
    }
    expect((failure as MessageDbError).kind).toBe('disk-full');
    await endOfTurn();
    expect(problems.map((p) => p.kind)).toEqual(['disk-full']);
    db.close();
    expect(peek()).toEqual(['first', 'second']);
  });
});
