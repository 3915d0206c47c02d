/**
 * issue 15: OMEMO. Migration 9 adds how a message travelled (plaintext, OMEMO, or received encrypted but not
 * readable) to `messages`: a version-8 database keeps its messages (plaintext, still found by search), and the
 * store writes and reads the new columns through every way messages come back (live store, archive pages, pages
 * of history, around a message, newer pages, the conversation list, the outgoing queue, search). The fallback
 * text beside an unreadable message never reaches the table, so never the text index.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../app/domain/chat.js';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/store/messages/migrations.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, endOfTurn, input, msg } from './message-fixture.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const FALLBACK = "I sent you an OMEMO encrypted message but your client doesn't seem to support that.";
const tempDir = useTempDirs();

async function version8File(): Promise<string> {
  const file = path.join(await tempDir(), 'messages.sqlite');
  const raw = new Database(file);
  for (const migration of MIGRATIONS.slice(0, 8)) raw.exec(migration.sql);
  raw.pragma('user_version = 8');
  // Rows as a version-8 store wrote them, indexed for search as it did (message-db.ts indexText).
  const insert = raw.prepare(
    `INSERT INTO messages (id, account, peer, direction, body, at, at_ms, stored_at, state, error, stanza_id, origin_id, archive_id, carbon, oob_url, changes, seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, 0, NULL, NULL, ?)`,
  );
  insert.run('old-in', ACCOUNT, BOB, 'in', 'the old plaintext word', '2026-11-01T10:00:00.000Z', Date.parse('2026-11-01T10:00:00.000Z'), NOW.toISOString(), 'received', 'o-1', 1);
  insert.run('old-out', ACCOUNT, BOB, 'out', 'another reply', '2026-11-01T10:01:00.000Z', Date.parse('2026-11-01T10:01:00.000Z'), NOW.toISOString(), 'queued', 'o-2', 2);
  raw.exec(`INSERT INTO message_text (rowid, body, conversation) SELECT rowid, body, conversation FROM messages`);
  raw.exec(`INSERT INTO conversations (account, peer, unread, last_rowid) VALUES ('${ACCOUNT}', '${BOB}', 0, 2)`);
  raw.close();
  return file;
}

const open = (file: string) => openMessageDb({ file, now: () => NOW, report: () => undefined });
const encryptionOf = (messages: readonly ChatMessage[]) => messages.map((m) => [m.id, m.body, m.encryption ?? null]);

describe('migration 9: how a message travelled', () => {
  it('keeps a version-8 database’s messages as plaintext, still searchable and still queued', async () => {
    const file = await version8File();
    const db = open(file);
    expect(encryptionOf(db.history(ACCOUNT, BOB, null, 10).messages)).toEqual([
      ['old-in', 'the old plaintext word', null],
      ['old-out', 'another reply', null],
    ]);
    expect(db.search({ text: 'plaintext', limit: 10 }).map((hit) => hit.message.id)).toEqual(['old-in']);
    expect(db.outgoing(ACCOUNT, ['queued']).map((m) => m.id)).toEqual(['old-out']);
    db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const columns = check.prepare(`SELECT name FROM pragma_table_info('messages')`).pluck().all();
    expect(columns).toEqual(expect.arrayContaining(['encryption', 'encryption_reason', 'encryption_device']));
    check.close();
  });

  it('stores and reads back OMEMO and undecryptable messages in every page, list and search', async () => {
    const db = open(await version8File());
    const omemoIn = msg({ id: 'omemo-in', body: 'secret rendezvous', at: '2026-11-02T10:00:00.000Z', encryption: { kind: 'omemo', device: 27183 } });
    // The caller passes the fallback by mistake: the store keeps the body empty all the same.
    const unreadable = msg({
      id: 'unreadable',
      body: FALLBACK,
      at: '2026-11-02T10:01:00.000Z',
      encryption: { kind: 'undecryptable', reason: 'not-for-this-device', device: 31415 },
    });
    const omemoOut = msg({ id: 'omemo-out', direction: 'out', state: 'queued', body: 'my secret answer', at: '2026-11-02T10:02:00.000Z', encryption: { kind: 'omemo', device: null } });
    db.store(input(omemoIn));
    db.store(input(unreadable));
    await endOfTurn();
    db.store(input(omemoOut));
    const archived = msg({ id: 'archived', archiveId: 'arch-1', body: '', at: '2026-10-30T10:00:00.000Z', encryption: { kind: 'undecryptable', reason: 'no-session', device: 5 } });
    db.storeArchivePage(ACCOUNT, [{ ...input(archived), older: true }], 'arch-1');

    const expected = [
      ['archived', '', { kind: 'undecryptable', reason: 'no-session', device: 5 }],
      ['old-in', 'the old plaintext word', null],
      ['old-out', 'another reply', null],
      ['omemo-in', 'secret rendezvous', { kind: 'omemo', device: 27183 }],
      ['unreadable', '', { kind: 'undecryptable', reason: 'not-for-this-device', device: 31415 }],
      ['omemo-out', 'my secret answer', { kind: 'omemo', device: null }],
    ];
    expect(encryptionOf(db.history(ACCOUNT, BOB, null, 10).messages)).toEqual(expected);
    expect(encryptionOf(db.around(ACCOUNT, BOB, 'unreadable', 1, 1)?.messages ?? [])).toEqual(expected.slice(3, 6));
    expect(encryptionOf(db.newer(ACCOUNT, BOB, 'old-out', 10).messages)).toEqual(expected.slice(3));
    expect(db.conversations(ACCOUNT)[0]?.lastMessage?.encryption).toEqual({ kind: 'omemo', device: null });
    expect(encryptionOf(db.outgoing(ACCOUNT, ['queued']))).toEqual([expected[2], expected[5]]);
    expect(db.messageById(ACCOUNT, 'unreadable')?.encryption).toEqual({ kind: 'undecryptable', reason: 'not-for-this-device', device: 31415 });
    expect(db.search({ text: 'rendezvous', limit: 10 }).map((hit) => [hit.message.id, hit.message.encryption])).toEqual([['omemo-in', { kind: 'omemo', device: 27183 }]]);
    db.close();
  });

  it('never indexes the fallback text of an undecryptable message, even after a change is saved on it', async () => {
    const db = open(await version8File());
    const unreadable = msg({ id: 'unreadable', body: FALLBACK, encryption: { kind: 'undecryptable', reason: 'bad-message', device: null } });
    db.store(input(unreadable));
    await endOfTurn();
    expect(db.search({ text: 'OMEMO', limit: 10 })).toEqual([]);
    expect(db.search({ text: 'client', limit: 10 })).toEqual([]);
    db.saveChanges({ ...unreadable, body: 'a correction claims this text', changes: { earlier: [], retracted: false, reactions: [{ sender: BOB, emojis: ['👍'] }] } });
    expect(db.search({ text: 'correction', limit: 10 })).toEqual([]);
    const stored = db.messageById(ACCOUNT, 'unreadable');
    expect(stored?.body).toBe('');
    expect(stored?.changes?.reactions).toEqual([{ sender: BOB, emojis: ['👍'] }]);
    db.close();
  });

  it('refuses, in the schema itself, an undecryptable row with text and a reason without an undecryptable message', async () => {
    const file = await version8File();
    open(file).close();
    const raw = new Database(file);
    const set = (sql: string) => () => raw.prepare(sql).run();
    expect(set(`UPDATE messages SET encryption = 'undecryptable', encryption_reason = 'bad-message' WHERE id = 'old-in'`)).toThrow(/CHECK/);
    expect(set(`UPDATE messages SET encryption_reason = 'bad-message' WHERE id = 'old-in'`)).toThrow(/CHECK/);
    expect(set(`UPDATE messages SET encryption = 'rot13' WHERE id = 'old-in'`)).toThrow(/CHECK/);
    expect(set(`UPDATE messages SET encryption_device = 0, encryption = 'omemo' WHERE id = 'old-in'`)).toThrow(/CHECK/);
    expect(set(`UPDATE messages SET encryption_device = 7 WHERE id = 'old-in'`)).toThrow(/CHECK/);
    expect(set(`UPDATE messages SET encryption = 'omemo', encryption_device = 7 WHERE id = 'old-in'`)).not.toThrow();
    raw.close();
  });
});
