import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/store/messages/migrations.js';
import type { MessageDbProblem } from '../../../../main/store/messages/open-database.js';
import { conversationWord } from '../../../../main/store/messages/search.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg } from './message-fixture.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const tempDir = useTempDirs();

async function place() {
  const dir = await tempDir();
  const file = path.join(dir, 'messages.sqlite');
  const problems: MessageDbProblem[] = [];
  const open = () => openMessageDb({ file, now: () => NOW, report: (p) => problems.push(p) });
  return { dir, file, problems, open };
}

describe('opening the message database', () => {
  it('the migrations make an empty file a database of the current version with every table, in WAL mode, 0600 with its WAL', async () => {
    const { file, open } = await place();
    const db = open();
    db.store(input(msg()));
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['archive_sync', 'conversations', 'message_keys', 'message_text', 'messages']));
    raw.close();
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    db.close();
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migration 2 indexes the conversation of the messages a version-1 database holds: a search within one finds them, and new ones', async () => {
    const { file, open } = await place();
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0]?.sql ?? '');
    raw.pragma('user_version = 1');
    const insert = raw.prepare(
      `INSERT INTO messages (id, account, peer, direction, body, at, at_ms, stored_at, state, seq) VALUES (?, ?, ?, 'in', ?, ?, ?, ?, 'received', ?)`,
    );
    const stored = [
      ['v1-a', BOB, 'lunch at noon?'],
      ['v1-b', 'carol@example.org', 'lunch is ready'],
      // An address holding bob's: another conversation all the same.
      ['v1-c', 'alice.bob@example.org', 'lunch tomorrow'],
    ];
    stored.forEach(([id, peer, body], i) => insert.run(id, ACCOUNT, peer, body, `2026-11-0${i + 1}T10:00:00.000Z`, Date.UTC(2026, 10, i + 1, 10), NOW.toISOString(), i + 1));
    raw.close();

    const db = open();
    expect(db.search({ text: 'lunch', limit: 10 }).map((h) => h.message.id)).toEqual(['v1-c', 'v1-b', 'v1-a']);
    expect(db.search({ text: 'lunch', accountId: ACCOUNT, peer: BOB, limit: 10 }).map((h) => h.message.id)).toEqual(['v1-a']);
    // The user's words match bodies only, never the conversation words now in the index.
    expect(db.search({ text: conversationWord(ACCOUNT, BOB), limit: 10 })).toEqual([]);
    db.store(input(msg({ id: 'new', body: 'lunch again', at: '2026-11-05T10:00:00.000Z' })));
    expect(db.search({ text: 'lu', accountId: ACCOUNT, peer: BOB, limit: 10 }).map((h) => h.message.id)).toEqual(['new', 'v1-a']);
    expect(db.deleteConversation(ACCOUNT, BOB)).toBe(2);
    expect(db.search({ text: 'lunch', limit: 10 }).map((h) => h.message.id)).toEqual(['v1-c', 'v1-b']);
    db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const inIndex = check.prepare(`SELECT count(*) AS n FROM message_text WHERE message_text MATCH ?`);
    expect(inIndex.get(`conversation : "${conversationWord(ACCOUNT, 'carol@example.org')}"`)).toEqual({ n: 1 });
    check.close();
  });

  it('migration 3 keeps what a version-2 database indexed, and the store then indexes new messages once per transaction, duplicates not at all', async () => {
    const { file, open } = await place();
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0]?.sql ?? '');
    raw.exec(MIGRATIONS[1]?.sql ?? '');
    raw.pragma('user_version = 2');
    // Indexed by version 2's insert trigger.
    raw
      .prepare(`INSERT INTO messages (id, account, peer, direction, body, at, at_ms, stored_at, state, seq) VALUES (?, ?, ?, 'in', ?, ?, ?, ?, 'received', 1)`)
      .run('v2-a', ACCOUNT, BOB, 'picnic on sunday', '2026-11-01T10:00:00.000Z', Date.UTC(2026, 10, 1, 10), NOW.toISOString());
    raw.close();

    const db = open();
    const live = msg({ body: 'picnic moved to saturday', at: '2026-11-02T10:00:00.000Z' });
    db.store(input(live));
    const page = [
      msg({ body: 'picnic food list', at: '2026-11-03T10:00:00.000Z', archiveId: 'arch-1' }),
      // The archive's copy of the live message: recognised by its origin-id, not stored or indexed again.
      { ...live, id: 'copy', archiveId: 'arch-2' },
      msg({ body: 'bring a picnic blanket', at: '2026-11-03T11:00:00.000Z', archiveId: 'arch-3' }),
    ];
    expect(db.storeArchivePage(ACCOUNT, page.map((m) => input(m)), 'arch-3').map((s) => s.added)).toEqual([true, false, true]);
    expect(db.search({ text: 'picnic', accountId: ACCOUNT, peer: BOB, limit: 10 }).map((h) => h.message.body)).toEqual([
      'bring a picnic blanket',
      'picnic food list',
      'picnic moved to saturday',
      'picnic on sunday',
    ]);
    expect(db.deleteConversation(ACCOUNT, BOB)).toBe(4);
    expect(db.search({ text: 'picnic', limit: 10 })).toEqual([]);
    db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all()).toEqual([
      { name: 'messages_text_delete' },
      { name: 'messages_text_update' },
    ]);
    // The index agrees with the table (FTS5's own check of an external-content index).
    check.close();
    const verify = new Database(file);
    expect(() => verify.exec(`INSERT INTO message_text (message_text, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    verify.close();
  });

  it('migration 4 adds room messages to a version-3 database, keeping its messages; a room message is one row per room archive id', async () => {
    const { file, open } = await place();
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 3)) raw.exec(migration.sql);
    raw.pragma('user_version = 3');
    raw.close();
    const before = open();
    before.store(input(msg({ id: 'chat-1', body: 'kept' })));
    before.close();

    const db = open();
    expect(db.history(ACCOUNT, BOB, null, 5).messages.map((m) => m.id)).toEqual(['chat-1']);
    const said = { accountId: ACCOUNT, room: 'team@rooms.example.org', nick: 'bob', direction: 'in', body: 'in the room', at: '2026-11-01T10:00:00.000Z', state: 'received', stanzaId: null, originId: null, archiveId: 'r-1' } as const;
    expect(db.storeRoomMessages([{ ...said, id: 'room-1' }, { ...said, id: 'room-1-again' }]).map((s) => s.added)).toEqual([true, false]);
    // The same archive id in another room is another message.
    expect(db.storeRoomMessages([{ ...said, id: 'room-2', room: 'other@rooms.example.org' }])[0]?.added).toBe(true);
    // Room messages are not 1:1 conversations: the list and search do not show them.
    expect(db.conversations(ACCOUNT).map((c) => c.peer)).toEqual([BOB]);
    expect(db.search({ text: 'room', limit: 10 })).toEqual([]);
    db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.prepare(`SELECT count(*) AS n FROM room_messages`).get()).toEqual({ n: 2 });
    check.close();
  });

  it('a file that is not a database is moved aside byte for byte, reported, and a new history started', async () => {
    const { dir, file, problems, open } = await place();
    writeFileSync(file, 'this is not a database, it is a text file that took its place');
    const db = open();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.kind).toBe('damaged');
    const movedTo = problems[0]?.movedTo ?? '';
    expect(readFileSync(movedTo, 'utf8')).toBe('this is not a database, it is a text file that took its place');
    expect(problems[0]?.message).toContain('moved to');
    db.store(input(msg({ body: 'after' })));
    expect(db.history(ACCOUNT, BOB, null, 5).messages.map((m) => m.body)).toEqual(['after']);
    db.close();
    expect(readdirSync(dir).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
  });

  it('a truncated database is moved aside (found at open or on first use) and the app keeps working', async () => {
    const { file, problems, open } = await place();
    const db = open();
    for (let i = 0; i < 300; i += 1) db.store(input(msg({ body: `line ${i} ${'y'.repeat(200)}` })));
    db.close();
    truncateSync(file, 4096 + 100);
    const again = open();
    again.store(input(msg({ body: 'still works' })));
    expect(again.history(ACCOUNT, BOB, null, 5).messages.at(-1)?.body).toBe('still works');
    again.close();
    expect(problems.map((p) => p.kind)).toEqual(['damaged']);
  });

  it('a database from a newer Hostproof is left untouched; this run keeps messages in memory', async () => {
    const { file, problems, open } = await place();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = readFileSync(file);
    const db = open();
    db.store(input(msg({ body: 'this run only' })));
    expect(db.history(ACCOUNT, BOB, null, 5).messages.map((m) => m.body)).toEqual(['this run only']);
    db.close();
    expect(problems.map((p) => p.kind)).toEqual(['newer-version']);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
