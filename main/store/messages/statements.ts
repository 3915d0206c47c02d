/** Every statement the message database runs, prepared once per open database. */
import type Database from 'better-sqlite3';
import { prepareRoomStatements } from './room-statements.js';
import { prepareReadPositionStatements } from './read-positions.js';
import { prepareMessageChangeStatements } from './message-change-rows.js';

export function prepareStatements(db: Database.Database) {
  return {
    byKey: db.prepare(`SELECT m.* FROM message_keys k JOIN messages m ON m.rowid = k.message_rowid WHERE k.account = ? AND k.key = ?`),
    byId: db.prepare(`SELECT * FROM messages WHERE account = ? AND id = ?`),
    insert: db.prepare(
      `INSERT INTO messages (id, account, peer, direction, body, at, at_ms, stored_at, state, error, stanza_id, origin_id, archive_id, carbon, oob_url, changes,
         encryption, encryption_reason, encryption_device, seq)
       VALUES (@id, @account, @peer, @direction, @body, @at, @at_ms, @stored_at, @state, @error, @stanza_id, @origin_id, @archive_id, @carbon, @oob_url, @changes,
         @encryption, @encryption_reason, @encryption_device,
         CASE WHEN @older THEN (SELECT coalesce(min(seq), 0) - 1 FROM messages) ELSE (SELECT coalesce(max(seq), 0) + 1 FROM messages) END)`,
    ),
    // The messages just stored, into the text index in one statement (migration 3 says why).
    indexText: db.prepare(
      `INSERT INTO message_text (rowid, body, conversation)
       SELECT rowid, body, conversation FROM messages WHERE rowid IN (SELECT value FROM json_each(?))`,
    ),
    addKey: db.prepare(`INSERT OR IGNORE INTO message_keys (account, key, message_rowid) VALUES (?, ?, ?)`),
    setArchiveId: db.prepare(`UPDATE messages SET archive_id = ? WHERE rowid = ?`),
    setState: db.prepare(`UPDATE messages SET state = ?, error = ? WHERE rowid = ?`),
    // The newest message stays the conversation's last: an older one (from the archive) does not replace it.
    touchConversation: db.prepare(
      `INSERT INTO conversations (account, peer, unread, last_rowid) VALUES (@account, @peer, @unread, @rowid)
       ON CONFLICT (account, peer) DO UPDATE SET
         unread = conversations.unread + excluded.unread,
         last_rowid = CASE
           WHEN conversations.last_rowid IS NULL THEN excluded.last_rowid
           WHEN (SELECT at_ms, seq FROM messages WHERE rowid = excluded.last_rowid) >= (SELECT at_ms, seq FROM messages WHERE rowid = conversations.last_rowid)
             THEN excluded.last_rowid
           ELSE conversations.last_rowid END`,
    ),
    newest: db.prepare(`SELECT * FROM messages WHERE account = @account AND peer = @peer ORDER BY at_ms DESC, seq DESC LIMIT @limit`),
    olderThan: db.prepare(
      `SELECT * FROM messages WHERE account = @account AND peer = @peer AND (at_ms, seq) < (@at_ms, @seq)
       ORDER BY at_ms DESC, seq DESC LIMIT @limit`,
    ),
    newerThan: db.prepare(
      `SELECT * FROM messages WHERE account = @account AND peer = @peer AND (at_ms, seq) > (@at_ms, @seq)
       ORDER BY at_ms, seq LIMIT @limit`,
    ),
    conversations: db.prepare(
      `SELECT c.peer AS conversation_peer, c.unread AS unread, m.* FROM conversations c LEFT JOIN messages m ON m.rowid = c.last_rowid
       WHERE c.account = ? ORDER BY m.at_ms DESC, m.seq DESC`,
    ),
    markRead: db.prepare(`UPDATE conversations SET unread = 0 WHERE account = ? AND peer = ?`),
    outgoing: db.prepare(
      `SELECT * FROM messages WHERE account = ? AND direction = 'out' AND state IN (SELECT value FROM json_each(?)) ORDER BY at_ms, seq`,
    ),
    oldestArchiveId: db.prepare(
      `SELECT archive_id FROM messages WHERE account = ? AND peer = ? AND archive_id IS NOT NULL ORDER BY at_ms, seq LIMIT 1`,
    ),
    getSync: db.prepare(`SELECT last_archive_id FROM archive_sync WHERE account = ?`),
    setSync: db.prepare(`INSERT INTO archive_sync (account, last_archive_id) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET last_archive_id = excluded.last_archive_id`),
    deleteSync: db.prepare(`DELETE FROM archive_sync WHERE account = ?`),
    deleteConversationMessages: db.prepare(`DELETE FROM messages WHERE account = ? AND peer = ?`),
    deleteConversation: db.prepare(`DELETE FROM conversations WHERE account = ? AND peer = ?`),
    deleteAccountMessages: db.prepare(`DELETE FROM messages WHERE account = ?`),
    deleteAccountConversations: db.prepare(`DELETE FROM conversations WHERE account = ?`),
    // A message still waiting to be sent is not history: it stays whatever its age.
    prune: db.prepare(`DELETE FROM messages WHERE at_ms < ? AND NOT (direction = 'out' AND state = 'queued')`),
    repairConversations: db.prepare(
      `UPDATE conversations SET last_rowid = (
         SELECT rowid FROM messages m WHERE m.account = conversations.account AND m.peer = conversations.peer ORDER BY at_ms DESC, seq DESC LIMIT 1)`,
    ),
    // A conversation whose every message was pruned leaves the list (nothing of it is left to show or to read).
    dropEmptyConversations: db.prepare(`DELETE FROM conversations WHERE last_rowid IS NULL`),
    // Room messages (migration 4).
    room: prepareRoomStatements(db),
    read: prepareReadPositionStatements(db), // issue 14: read markers
    changes: prepareMessageChangeStatements(db), // issue 14: message changes
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
