/**
 * The message database's schema, one migration per version (PRAGMA user_version counts them). A migration
 * is applied in the same transaction as the version bump, so a crash leaves the old version or the new one.
 * Never edit a shipped migration: add the next one (and its test in test/unit/store/messages/).
 */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Every message in and out. Messages sort by time, then by seq: archive times have whole seconds, so
      -- several messages share one; seq grows for what arrives as new and falls for older history pages, so
      -- a page fetched later still sorts before what was stored earlier.
      CREATE TABLE messages (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL,
        peer TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        body TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        stored_at TEXT NOT NULL,
        state TEXT NOT NULL,
        error TEXT,
        stanza_id TEXT,
        origin_id TEXT,
        archive_id TEXT,
        carbon INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (account, peer, at_ms, seq);
      CREATE INDEX messages_by_seq ON messages (seq);
      CREATE INDEX messages_by_state ON messages (account, state) WHERE direction = 'out';

      -- The keys a message is known by (dedupe.ts keysOf: origin-id, archive id, or stanza id with its text).
      CREATE TABLE message_keys (
        account TEXT NOT NULL,
        key TEXT NOT NULL,
        message_rowid INTEGER NOT NULL REFERENCES messages (rowid) ON DELETE CASCADE,
        PRIMARY KEY (account, key)
      ) WITHOUT ROWID;
      CREATE INDEX message_keys_by_message ON message_keys (message_rowid);

      -- Per conversation: the unread count and the newest message (for the list without scanning messages).
      CREATE TABLE conversations (
        account TEXT NOT NULL,
        peer TEXT NOT NULL,
        unread INTEGER NOT NULL DEFAULT 0,
        last_rowid INTEGER,
        PRIMARY KEY (account, peer)
      ) WITHOUT ROWID;

      -- Per account: the newest archive id taken from the server, where the next catch-up starts (RSM after).
      CREATE TABLE archive_sync (
        account TEXT PRIMARY KEY,
        last_archive_id TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Full-text search over the bodies, kept in step with messages by triggers.
      CREATE VIRTUAL TABLE message_text USING fts5 (
        body, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_text_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_text (rowid, body) VALUES (new.rowid, new.body);
      END;
      CREATE TRIGGER messages_text_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_text (message_text, rowid, body) VALUES ('delete', old.rowid, old.body);
      END;
      CREATE TRIGGER messages_text_update AFTER UPDATE OF body ON messages BEGIN
        INSERT INTO message_text (message_text, rowid, body) VALUES ('delete', old.rowid, old.body);
        INSERT INTO message_text (rowid, body) VALUES (new.rowid, new.body);
      END;
    `,
  },
  {
    version: 2,
    sql: `
      -- Searching one conversation: the index also holds a word that names the message's conversation (its
      -- account and peer in hex, so one word with no separator in it, computed, not stored), so a search within a
      -- conversation is one lookup in the index (that word AND the user's) instead of walking every message with
      -- the word in any conversation and dropping the others (a quarter of a second for a common word at a
      -- million messages). Prefixes of two to four characters are indexed too, for the first letters typed: without
      -- them FTS5 merges the lists of every word with that beginning before it can answer.
      ALTER TABLE messages ADD COLUMN conversation TEXT GENERATED ALWAYS AS (hex(account || ' ' || peer)) VIRTUAL;
      DROP TRIGGER messages_text_insert;
      DROP TRIGGER messages_text_delete;
      DROP TRIGGER messages_text_update;
      DROP TABLE message_text;
      CREATE VIRTUAL TABLE message_text USING fts5 (
        body, conversation, content = 'messages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
      );
      INSERT INTO message_text (message_text) VALUES ('rebuild');
      CREATE TRIGGER messages_text_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_text (rowid, body, conversation) VALUES (new.rowid, new.body, new.conversation);
      END;
      CREATE TRIGGER messages_text_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_text (message_text, rowid, body, conversation) VALUES ('delete', old.rowid, old.body, old.conversation);
      END;
      CREATE TRIGGER messages_text_update AFTER UPDATE OF body, account, peer ON messages BEGIN
        INSERT INTO message_text (message_text, rowid, body, conversation) VALUES ('delete', old.rowid, old.body, old.conversation);
        INSERT INTO message_text (rowid, body, conversation) VALUES (new.rowid, new.body, new.conversation);
      END;
    `,
  },
  {
    version: 3,
    sql: `
      -- New messages are added to the text index by the store, once per transaction for all the messages it
      -- stored (message-db.ts indexText), not row by row by a trigger: FTS5 writes out what it holds each time a
      -- statement opens a savepoint, and each INSERT with a trigger opens one, so an archive page of 100 became
      -- 100 one-message segments to write and merge (a fifth of the time of storing a page). Deleting and
      -- changing stay with their triggers.
      DROP TRIGGER messages_text_insert;
    `,
  },
  {
    version: 4,
    sql: `
      -- Room messages (XEP-0045 group chats), live and from the room's archive (XEP-0313 to the room). A table
      -- of their own: a room is not a contact (no unread count, receipts or carbons; a sender is a nickname),
      -- and the 1:1 list, search and export stay as they are. The room's archive id (its stanza-id, by = the
      -- room) is the key within the room: a message that arrives live and from the archive is stored once.
      CREATE TABLE room_messages (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        account TEXT NOT NULL,
        room TEXT NOT NULL,
        nick TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        body TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        state TEXT NOT NULL,
        error TEXT,
        stanza_id TEXT,
        origin_id TEXT,
        archive_id TEXT,
        seq INTEGER NOT NULL,
        UNIQUE (account, id)
      );
      CREATE INDEX room_messages_by_room ON room_messages (account, room, at_ms, seq);
      CREATE UNIQUE INDEX room_messages_by_archive_id ON room_messages (account, room, archive_id) WHERE archive_id IS NOT NULL;
      CREATE INDEX room_messages_by_origin_id ON room_messages (account, room, origin_id) WHERE origin_id IS NOT NULL;

      -- Per room: the newest archive id known to follow on from everything stored (where the next join's
      -- archive query starts, RSM after). Set only once the room's archive was read to its end.
      CREATE TABLE room_sync (
        account TEXT NOT NULL,
        room TEXT NOT NULL,
        last_archive_id TEXT NOT NULL,
        PRIMARY KEY (account, room)
      ) WITHOUT ROWID;
    `,
  },
  // issue 14: read markers
  {
    version: 5,
    sql: `
      -- Per conversation: our newest message the contact said they have read (XEP-0333 displayed). A table of
      -- its own (nothing else in the conversation changes); the row goes with the message when it is deleted.
      CREATE TABLE read_positions (
        account TEXT NOT NULL,
        peer TEXT NOT NULL,
        message_rowid INTEGER NOT NULL REFERENCES messages (rowid) ON DELETE CASCADE,
        PRIMARY KEY (account, peer)
      ) WITHOUT ROWID;
      CREATE INDEX read_positions_by_message ON read_positions (message_rowid);
    `,
  },
  // issue 14: files
  {
    version: 6,
    sql: `
      -- A shared file's https link (XEP-0066), so a picture or file still shows as one after a restart. Null for
      -- every other message, and for every message stored before.
      ALTER TABLE messages ADD COLUMN oob_url TEXT;
    `,
  },
  // issue 14: message changes
  {
    version: 7,
    sql: `
      -- What happened to a 1:1 message after it was sent, as JSON (message-changes-column.ts): its earlier
      -- versions (XEP-0308), whether it was retracted (XEP-0424), everyone's reactions (XEP-0444) and which
      -- message it answers (XEP-0461). NULL: nothing. A change names its message by the sender's stanza id or
      -- origin-id, so both are indexed within the conversation.
      ALTER TABLE messages ADD COLUMN changes TEXT;
      CREATE INDEX messages_by_stanza_id ON messages (account, peer, stanza_id) WHERE stanza_id IS NOT NULL;
      CREATE INDEX messages_by_origin_id ON messages (account, peer, origin_id) WHERE origin_id IS NOT NULL;
    `,
  },
  {
    version: 8,
    sql: `
      -- Finding the message a change or a read marker names, with one index entry per message instead of two
      -- (named-message.ts): the origin-id is found through the dedupe keys, which hold it already, and a stanza id
      -- is indexed only where it is not the origin-id too (the clients in use send one id as both). Each entry of
      -- an index on random ids lands at a random place and costs the page it writes: with both indexes, storing
      -- archive pages at a million messages took twice as long (docs/performance.md).
      DROP INDEX messages_by_origin_id;
      DROP INDEX messages_by_stanza_id;
      CREATE INDEX messages_by_stanza_id ON messages (account, peer, stanza_id) WHERE stanza_id IS NOT NULL AND stanza_id IS NOT origin_id;
    `,
  },
  // issue 15: OMEMO
  {
    version: 9,
    sql: `
      -- How a message travelled (app/domain/chat.ts MessageEncryption): NULL for plaintext, as every message stored
      -- before; 'omemo' with the sending device when known; 'undecryptable' with a reason and the device. An
      -- undecryptable message's body is empty, checked here: the text that travels beside the encrypted part is
      -- for clients without OMEMO (and the server could have written it), so it must never reach the text index,
      -- which indexes the body as stored (message-db.ts indexText, the triggers of migration 2).
      ALTER TABLE messages ADD COLUMN encryption TEXT
        CHECK (encryption IN ('omemo', 'undecryptable') AND (encryption IS NOT 'undecryptable' OR body = ''));
      ALTER TABLE messages ADD COLUMN encryption_reason TEXT
        CHECK ((encryption_reason IS NULL) = (encryption IS NOT 'undecryptable'));
      ALTER TABLE messages ADD COLUMN encryption_device INTEGER
        CHECK (encryption_device IS NULL OR (encryption IS NOT NULL AND encryption_device BETWEEN 1 AND 2147483647));
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
