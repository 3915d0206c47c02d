/** The statements for room messages (migration 4), prepared once per open database with the others. */
import type Database from 'better-sqlite3';

export function prepareRoomStatements(db: Database.Database) {
  return {
    byArchiveId: db.prepare(`SELECT * FROM room_messages WHERE account = ? AND room = ? AND archive_id = ?`),
    // Our own message, known by the origin-id we gave it and our nickname (as the live path recognises it).
    oursByOriginId: db.prepare(
      `SELECT * FROM room_messages WHERE account = ? AND room = ? AND origin_id = ? AND nick = ? AND direction = 'out' AND archive_id IS NULL LIMIT 1`,
    ),
    byId: db.prepare(`SELECT * FROM room_messages WHERE account = ? AND id = ?`),
    insert: db.prepare(
      `INSERT INTO room_messages (id, account, room, nick, direction, body, at, at_ms, state, error, stanza_id, origin_id, archive_id, seq)
       VALUES (@id, @account, @room, @nick, @direction, @body, @at, @at_ms, @state, @error, @stanza_id, @origin_id, @archive_id,
         (SELECT coalesce(max(seq), 0) + 1 FROM room_messages))`,
    ),
    settle: db.prepare(`UPDATE room_messages SET state = ?, error = ?, archive_id = coalesce(archive_id, ?) WHERE rowid = ?`),
    setArchiveId: db.prepare(`UPDATE room_messages SET archive_id = ? WHERE rowid = ?`),
    newest: db.prepare(`SELECT * FROM room_messages WHERE account = @account AND room = @room ORDER BY at_ms DESC, seq DESC LIMIT @limit`),
    olderThan: db.prepare(
      `SELECT * FROM room_messages WHERE account = @account AND room = @room AND (at_ms, seq) < (@at_ms, @seq)
       ORDER BY at_ms DESC, seq DESC LIMIT @limit`,
    ),
    newestArchiveId: db.prepare(
      `SELECT archive_id FROM room_messages WHERE account = ? AND room = ? AND archive_id IS NOT NULL ORDER BY at_ms DESC, seq DESC LIMIT 1`,
    ),
    getSync: db.prepare(`SELECT last_archive_id FROM room_sync WHERE account = ? AND room = ?`),
    setSync: db.prepare(
      `INSERT INTO room_sync (account, room, last_archive_id) VALUES (?, ?, ?)
       ON CONFLICT (account, room) DO UPDATE SET last_archive_id = excluded.last_archive_id`,
    ),
    deleteAccount: db.prepare(`DELETE FROM room_messages WHERE account = ?`),
    deleteAccountSync: db.prepare(`DELETE FROM room_sync WHERE account = ?`),
    prune: db.prepare(`DELETE FROM room_messages WHERE at_ms < ?`),
  };
}

export type RoomStatements = ReturnType<typeof prepareRoomStatements>;
