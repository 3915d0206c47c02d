/**
 * Migration 7 (issue 14: message changes) and what it stores: a version-4 database keeps its messages, which
 * read as unchanged; a change is found by the stanza id or origin-id it names within its conversation only;
 * a correction, reactions and a retraction are stored and read back; the text index follows the new text
 * (a removed message can no longer be found by its words). A column holding something else reads as no changes.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/store/messages/migrations.js';
import { namedIdOf, originKeyOf } from '../../../../main/xmpp/features/dedupe.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg } from './message-fixture.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
/** What a change names its message by, as the conversation store makes it. */
const ref = (id: string, peer = BOB) => namedIdOf(peer, id);
const tempDir = useTempDirs();

describe('message changes in the message database (migration 7)', () => {
  it('upgrades a version-4 database, keeping its messages; stores corrections, reactions and retractions and finds messages by the id a change names', async () => {
    const file = path.join(await tempDir(), 'messages.sqlite');
    const raw = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 4)) raw.exec(migration.sql);
    raw.pragma('user_version = 4');
    raw
      .prepare(
        `INSERT INTO messages (id, account, peer, direction, body, at, at_ms, stored_at, state, stanza_id, origin_id, seq)
         VALUES ('old-1', ?, ?, 'in', 'lunch at noon', '2026-11-01T10:00:00.000Z', ?, ?, 'received', 'sid-1', 'oid-1', 1)`,
      )
      .run(ACCOUNT, BOB, Date.UTC(2026, 10, 1, 10), NOW.toISOString());
    // Its dedupe key, as the store writes it with every message that has an origin-id.
    raw.prepare(`INSERT INTO message_keys (account, key, message_rowid) VALUES (?, ?, 1)`).run(ACCOUNT, originKeyOf(BOB, 'oid-1'));
    // Indexed as the store does it (migration 3), so that the index agrees with the table.
    raw.exec(`INSERT INTO message_text (rowid, body, conversation) SELECT rowid, body, conversation FROM messages`);
    raw.close();

    const problems: unknown[] = [];
    const db = openMessageDb({ file, now: () => NOW, report: (p) => problems.push(p) });
    const old = db.messageById(ACCOUNT, 'old-1');
    expect(old).toMatchObject({ body: 'lunch at noon' });
    expect(old?.changes).toBeUndefined();
    expect(db.messageByRef(ACCOUNT, BOB, ref('sid-1'))?.id).toBe('old-1');
    expect(db.messageByRef(ACCOUNT, BOB, ref('oid-1'))?.id).toBe('old-1');
    // Only within the conversation (and the account) the change came in.
    expect(db.messageByRef(ACCOUNT, 'eve@example.org', ref('sid-1', 'eve@example.org'))).toBeNull();
    expect(db.messageByRef('acc-other', BOB, ref('sid-1'))).toBeNull();

    if (old === null) throw new Error('stored');
    const corrected = {
      ...old,
      body: 'lunch at one',
      changes: { earlier: [{ body: 'lunch at noon', replacedAt: NOW.toISOString(), by: 'c-1' }], retracted: false, reactions: [{ sender: BOB, emojis: ['👍'] }] },
    };
    db.saveChanges(corrected);
    expect(db.messageById(ACCOUNT, 'old-1')).toEqual(corrected);
    expect(db.search({ text: 'one', limit: 5 }).map((h) => h.message.id)).toEqual(['old-1']);

    // A reply is stored with the message and read back with it.
    const reply = msg({ body: 'sounds good', replyTo: { id: 'sid-1', to: BOB, fallback: '> bob wrote:\n> lunch\n' } });
    db.store(input(reply));
    db.close();

    const again = openMessageDb({ file, now: () => NOW, report: () => undefined });
    expect(again.messageById(ACCOUNT, reply.id)).toEqual(reply);
    again.saveChanges({ ...corrected, body: '', changes: { ...corrected.changes, earlier: [], retracted: true } });
    expect(again.messageById(ACCOUNT, 'old-1')).toMatchObject({ body: '', changes: { retracted: true, earlier: [] } });
    expect(again.search({ text: 'lunch', limit: 5 }).map((h) => h.message.id)).toEqual([]);
    again.close();
    expect(problems).toEqual([]);

    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.prepare(`UPDATE messages SET changes = '{"changes": "not this"}' WHERE id = 'old-1'`).run();
    check.close();
    const damaged = openMessageDb({ file, now: () => NOW, report: () => undefined });
    expect(damaged.messageById(ACCOUNT, 'old-1')?.changes).toBeUndefined();
    damaged.close();
  });
});
