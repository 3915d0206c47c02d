/**
 * Fills the message database with messages [from, to) of the world the fast way: the real schema (made by
 * openMessageDb's migrations, FTS triggers included), rows written directly in large transactions with the
 * same columns, keys and conversation rows `storeArchivePage` writes. Used for the bulk of the million; the
 * archive benchmark stores the rest through the app's own path.
 *
 * The full-text index is built after the rows in one pass ('rebuild') rather than per transaction as the
 * store adds a page's messages: eight times faster here. It gives fewer, fuller FTS segments than years of small commits
 * would; the archive benchmark's commits then add small segments on top, as the app makes them.
 */
import Database from 'better-sqlite3';
import { keysOf } from '../../../main/xmpp/features/dedupe.js';
import type { World } from './world.js';

const BATCH = 20_000;

export function bulkFill(file: string, world: World, from: number, to: number, storedAt: Date): void {
  const db = new Database(file);
  try {
    // The generator's own settings: nothing here needs to survive a crash.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -200000');
    const insert = db.prepare(
      `INSERT INTO messages (rowid, id, account, peer, direction, body, at, at_ms, stored_at, state, error, stanza_id, origin_id, archive_id, carbon, seq)
       VALUES (@rowid, @id, @account, @peer, @direction, @body, @at, @at_ms, @stored_at, @state, @error, @stanza_id, @origin_id, @archive_id, @carbon, @rowid)`,
    );
    const addKey = db.prepare('INSERT OR IGNORE INTO message_keys (account, key, message_rowid) VALUES (?, ?, ?)');
    const touch = db.prepare(
      `INSERT INTO conversations (account, peer, unread, last_rowid) VALUES (@account, @peer, @unread, @rowid)
       ON CONFLICT (account, peer) DO UPDATE SET unread = conversations.unread + excluded.unread, last_rowid = excluded.last_rowid`,
    );
    const base = (db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM messages').get() as { n: number }).n;
    const stored = storedAt.toISOString();
    const last = new Map<string, { account: string; peer: string; rowid: number; unread: number }>();
    // The last few thousand incoming messages are unread: a few conversations with a count.
    const unreadFrom = to - 3000;
    for (let start = from; start < to; start += BATCH) {
      db.transaction(() => {
        for (let i = start; i < Math.min(to, start + BATCH); i += 1) {
          const m = world.message(i);
          const rowid = base + (i - from) + 1;
          insert.run({
            rowid,
            id: m.id,
            account: m.accountId,
            peer: m.peer,
            direction: m.direction,
            body: m.body,
            at: m.at,
            at_ms: Date.parse(m.at),
            stored_at: stored,
            state: m.state,
            error: m.error,
            stanza_id: m.stanzaId,
            origin_id: m.originId,
            archive_id: m.archiveId,
            carbon: m.carbon ? 1 : 0,
          });
          const keys = keysOf(m.peer, { originId: m.originId, archiveId: m.archiveId, stanzaId: m.stanzaId, body: m.body });
          for (const key of keys) addKey.run(m.accountId, key, rowid);
          const conversation = `${m.accountId} ${m.peer}`;
          const entry = last.get(conversation) ?? { account: m.accountId, peer: m.peer, rowid, unread: 0 };
          entry.rowid = rowid;
          if (i >= unreadFrom && m.direction === 'in') entry.unread += 1;
          last.set(conversation, entry);
        }
      })();
    }
    db.transaction(() => {
      for (const entry of last.values()) touch.run(entry);
    })();
    db.exec(`INSERT INTO message_text (message_text) VALUES ('rebuild')`);
    // One segment, as a long-lived index mostly is after its merges; the rebuild leaves several, which the first
    // commits after it would merge, at a cost no real history pays on every page.
    db.exec(`INSERT INTO message_text (message_text) VALUES ('optimize')`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
