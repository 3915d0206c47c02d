/**
 * Migration 8: the message a change or a read marker names is found with one index entry per message instead of
 * two (named-message.ts). A version-7 database keeps its messages, and each is still found by the id it was sent
 * with: by its origin-id (through its dedupe key), by a stanza id that differs from it, and by a stanza id equal
 * to it; the stanza-id lookup reads the new partial index, and a message whose two ids are one has no entry in it.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/store/messages/migrations.js';
import { namedIdOf } from '../../../../main/xmpp/features/dedupe.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg } from './message-fixture.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const tempDir = useTempDirs();
const ref = (id: string, peer = BOB) => namedIdOf(peer, id);

describe('migration 8: finding a named message with one index entry', () => {
  it('keeps a version-7 database’s messages findable by origin-id and stanza id, and indexes only stanza ids that differ', async () => {
    const file = path.join(await tempDir(), 'messages.sqlite');
    // A version-7 database written by the store of that version.
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 7)) raw.exec(migration.sql);
    raw.pragma('user_version = 7');
    raw.close();
    const open = () => openMessageDb({ file, now: () => NOW, report: () => undefined });
    // Opening migrates; the messages are stored by the current store, then the file is set back to version 7
    // with version 7's indexes, as a version-7 store would have left it.
    const before = open();
    before.store(input(msg({ id: 'two-ids', stanzaId: 'sid-a', originId: 'oid-a' })));
    before.store(input(msg({ id: 'one-id', stanzaId: 'same-b', originId: 'same-b' })));
    before.store(input(msg({ id: 'no-origin', stanzaId: 'sid-c', originId: null })));
    before.close();
    const back = new Database(file);
    back.exec(`DROP INDEX messages_by_stanza_id;
      CREATE INDEX messages_by_stanza_id ON messages (account, peer, stanza_id) WHERE stanza_id IS NOT NULL;
      CREATE INDEX messages_by_origin_id ON messages (account, peer, origin_id) WHERE origin_id IS NOT NULL;`);
    // Nor the columns later migrations add (9: how a message travelled), which reopening adds again.
    back.exec(`ALTER TABLE messages DROP COLUMN encryption_device;
      ALTER TABLE messages DROP COLUMN encryption_reason;
      ALTER TABLE messages DROP COLUMN encryption;`);
    back.pragma('user_version = 7');
    back.close();

    const db = open();
    expect(db.messageByRef(ACCOUNT, BOB, ref('oid-a'))?.id).toBe('two-ids');
    expect(db.messageByRef(ACCOUNT, BOB, ref('sid-a'))?.id).toBe('two-ids');
    expect(db.messageByRef(ACCOUNT, BOB, ref('same-b'))?.id).toBe('one-id');
    expect(db.messageByRef(ACCOUNT, BOB, ref('sid-c'))?.id).toBe('no-origin');
    // Within the conversation only.
    expect(db.messageByRef(ACCOUNT, 'eve@example.org', ref('oid-a', 'eve@example.org'))).toBeNull();
    expect(db.messageByRef(ACCOUNT, 'eve@example.org', ref('sid-a', 'eve@example.org'))).toBeNull();
    db.close();

    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const indexes = check.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'messages' AND name LIKE 'messages_by_%' ORDER BY name`).pluck().all();
    expect(indexes).not.toContain('messages_by_origin_id');
    expect(indexes).toContain('messages_by_stanza_id');
    // Only the stanza ids that differ from the origin-id are in the index.
    const indexed = check
      .prepare(`SELECT stanza_id FROM messages INDEXED BY messages_by_stanza_id WHERE account = ? AND peer = ? AND stanza_id IS NOT NULL AND stanza_id IS NOT origin_id ORDER BY stanza_id`)
      .pluck()
      .all(ACCOUNT, BOB);
    expect(indexed).toEqual(['sid-a', 'sid-c']);
    // The store's lookup, as it is written, can use it (SQLite refuses to prepare it otherwise).
    const plan = check
      .prepare(
        `EXPLAIN QUERY PLAN SELECT rowid, id, at_ms, seq FROM messages INDEXED BY messages_by_stanza_id
         WHERE account = 'a' AND peer = 'p' AND stanza_id = 's' AND stanza_id IS NOT origin_id AND ('in' IS NULL OR direction = 'in')
         ORDER BY at_ms, seq LIMIT 1`,
      )
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('messages_by_stanza_id');
    check.close();
  });
});
