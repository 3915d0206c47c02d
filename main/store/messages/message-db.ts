/**
 * The local message history (SQLite): every message in and out, stored once however it reached us (live, as
 * a carbon, sent from here, or from the server archive), the unread count per conversation, the outgoing
 * messages not yet confirmed (so they survive a restart), and where the next archive catch-up starts. The
 * rest of main uses this interface and knows no SQL.
 *
 * Keys: the caller says what a message is known by (dedupe.ts keysOf: origin-id, archive id, or stanza id
 * with its text); a message stored under any of them already is that message, not a second one.
 *
 * Failures: a damaged file found while running is moved aside and a new one started (open-database.ts), and
 * the operation is tried once on it; a full disk fails the write with a MessageDbError('disk-full') and is
 * reported once until a write succeeds again. What is stored is never at risk from either.
 *
 * The interface and its types are in message-db-types.ts; incoming messages are committed in groups
 * (group-commit.ts); room messages' statements are in room-messages.ts, read markers' in read-positions.ts and
 * message changes' in message-change-rows.ts. This file is the interface's one implementation: each method a
 * line or a few delegating to those, which is why it is longer than most.
 */
import type Database from 'better-sqlite3';
import type { MessageState } from '../../../app/domain/chat.js';
import { toMessage, type MessageRow } from './message-row.js';
import { isDamage, isDiskFull, moveDatabaseAside, openDatabase, type OpenDatabaseOptions } from './open-database.js';
import { prepareStatements, type Statements } from './statements.js';
import { searchMessages } from './search.js';
import { createGroupCommit } from './group-commit.js';
import { MessageDbError, type MessageDb, type Stored, type StoreInput } from './message-db-types.js';
import { roomHistory, settleRoomMessage, storeRoomMessages } from './room-messages.js';
import { contactReadUpTo, readElsewhereUpTo, readPosition } from './read-positions.js';
import { writeChangesColumn } from './message-changes-column.js';
import { storedBody, writeEncryptionColumns } from './encryption-columns.js';
import { messageById, messageByRef, saveChanges } from './message-change-rows.js';

export type { RoomHistorySlice, RoomStored } from './room-messages.js';
export { MessageDbError } from './message-db-types.js';
export type { HistorySlice, HistoryWindow, MessageDb, MessageDbErrorKind, Stored, StoreInput } from './message-db-types.js';

/** A message state may only move forward: a late "sent" must not undo "delivered". */
const RANK: Record<MessageState, number> = { queued: 0, failed: 1, sent: 2, delivered: 3, received: 3 };

export interface MessageDbOptions extends OpenDatabaseOptions {
  /** Runs once the current turn of the event loop is over: when a group of incoming messages is committed. */
  readonly defer?: (run: () => void) => void;
}

export function openMessageDb(options: MessageDbOptions): MessageDb {
  const { now, report } = options;
  let db: Database.Database = openDatabase(options);
  let q: Statements = prepareStatements(db);
  let diskFullTold = false;
  /** The rows of the open group, for the text index when it is committed (one segment per group). */
  let grouped: number[] = [];
  const group = createGroupCommit({
    begin: () => db.exec('BEGIN IMMEDIATE'),
    commit: () => {
      const rows = grouped;
      grouped = [];
      if (rows.length > 0) q.indexText.run(JSON.stringify(rows));
      db.exec('COMMIT');
      diskFullTold = false;
    },
    rollback: () => {
      grouped = [];
      if (db.inTransaction) db.exec('ROLLBACK');
    },
    defer: options.defer ?? ((run) => void setImmediate(run)),
    // Told the way a failed write is (a full disk, a damaged file); nobody waits on it to throw to.
    failed: (error) => {
      try {
        guarded(() => {
          throw error;
        });
      } catch (reported) {
        if (!(reported instanceof MessageDbError) && !isDamage(reported)) console.error('Saving incoming messages failed:', reported);
      }
    },
  });

  /**
   * Runs an operation; a damaged database is replaced once and the operation tried again on the new one.
   * `committed`: whether success means the write is on disk (then a full disk is told again the next time it
   * fills); a write into an open group is not, until the group commits.
   */
  function guarded<T>(run: () => T, committed = true): T {
    try {
      const result = run();
      if (committed) diskFullTold = false;
      return result;
    } catch (error) {
      // SQLite ends the whole transaction itself after some failures (a full disk among them): a group it
      // ended is gone, with the incoming messages of its turn (the server's archive has them).
      if (!db.inTransaction) {
        group.forget();
        grouped = [];
      }
      if (isDiskFull(error)) {
        if (!diskFullTold) {
          diskFullTold = true;
          report({
            file: options.file,
            kind: 'disk-full',
            movedTo: null,
            message: 'Your disk is full: new messages are shown but not saved to your history until there is room again. Nothing already saved is lost.',
          });
        }
        throw new MessageDbError('disk-full', 'The disk is full: the message history cannot be written.', { cause: error });
      }
      if (!isDamage(error)) throw error;
      group.forget();
      grouped = [];
      db.close();
      if (moveDatabaseAside(options.file, now) === null) throw new MessageDbError('damaged', 'The message history is damaged.', { cause: error });
      db = openDatabase(options);
      q = prepareStatements(db);
      report({
        file: options.file,
        kind: 'damaged',
        movedTo: null,
        message: 'Your message history was damaged and a new one was started; messages your server keeps in its archive come back as you open your chats.',
      });
      return run();
    }
  }

  /** Every operation but storing an incoming message: the open group is committed first (group-commit.ts). */
  function flushed<T>(run: () => T): T {
    return guarded(() => {
      group.flush();
      return run();
    });
  }

  /**
   * After the person deleted history: the write-ahead log still holds the pages as they were before, so it is
   * copied into the file (where the deleted text was overwritten) and emptied.
   */
  function erased(changes: number): number {
    if (changes > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    return changes;
  }

  /**
   * Stores the messages in the open transaction, then adds the new ones to the text index in one statement
   * (migration 3: one FTS5 segment per transaction rather than one per message).
   */
  function storeAll(inputs: readonly StoreInput[]): Stored[] {
    const added: number[] = [];
    const stored = inputs.map((input) => storeOne(input, added));
    if (added.length > 0) q.indexText.run(JSON.stringify(added));
    return stored;
  }

  function storeOne({ message, keys, unread = false, older = false }: StoreInput, added: number[]): Stored {
    const account = message.accountId;
    for (const key of keys) {
      const found = q.byKey.get(account, key) as MessageRow | undefined;
      if (!found) continue;
      let row = found;
      if (row.archive_id === null && message.archiveId !== null) {
        q.setArchiveId.run(message.archiveId, row.rowid);
        row = { ...row, archive_id: message.archiveId };
      }
      for (const k of keys) q.addKey.run(account, k, row.rowid);
      return { message: toMessage(row), added: false };
    }
    const storedAt = now();
    const atMs = Date.parse(message.at);
    const { lastInsertRowid } = q.insert.run({
      id: message.id,
      account,
      peer: message.peer,
      direction: message.direction,
      body: storedBody(message), // issue 15: OMEMO: never an undecryptable message's fallback text
      at: message.at,
      at_ms: Number.isNaN(atMs) ? storedAt.getTime() : atMs,
      stored_at: storedAt.toISOString(),
      state: message.state,
      error: message.error,
      stanza_id: message.stanzaId,
      origin_id: message.originId,
      archive_id: message.archiveId,
      carbon: message.carbon ? 1 : 0,
      oob_url: message.oobUrl ?? null, // issue 14: files
      changes: writeChangesColumn(message),
      ...writeEncryptionColumns(message), // issue 15: OMEMO
      older: older ? 1 : 0,
    });
    const rowid = Number(lastInsertRowid);
    added.push(rowid);
    for (const key of keys) q.addKey.run(account, key, rowid);
    q.touchConversation.run({ account, peer: message.peer, rowid, unread: unread ? 1 : 0 });
    return { message, added: true };
  }

  return {
    // An incoming message joins this turn's group (group-commit.ts); one the user wrote is committed at once.
    store: (input) =>
      guarded(() => {
        if (input.message.direction === 'in') return group.within(() => db.transaction(() => storeOne(input, grouped))());
        group.flush();
        return db.transaction(() => storeAll([input])[0] as Stored)();
      }, input.message.direction !== 'in'),
    storeArchivePage: (accountId, inputs, lastArchiveId) =>
      flushed(() =>
        db.transaction(() => {
          const stored = storeAll(inputs);
          if (lastArchiveId !== null) q.setSync.run(accountId, lastArchiveId);
          return stored;
        })(),
      ),
    updateState: (accountId, id, state, error) =>
      flushed(() => {
        const row = q.byId.get(accountId, id) as MessageRow | undefined;
        if (!row) return null;
        const current = toMessage(row);
        if (RANK[state] < RANK[current.state]) return null;
        q.setState.run(state, error, row.rowid);
        return { ...current, state, error };
      }),
    history: (accountId, peer, before, limit) =>
      flushed(() => {
        const anchor = before === null ? undefined : (q.byId.get(accountId, before) as MessageRow | undefined);
        const rows = (
          anchor
            ? q.olderThan.all({ account: accountId, peer, at_ms: anchor.at_ms, seq: anchor.seq, limit: limit + 1 })
            : q.newest.all({ account: accountId, peer, limit: limit + 1 })
        ) as MessageRow[];
        const reachedStart = rows.length <= limit;
        return { messages: rows.slice(0, limit).reverse().map(toMessage), reachedStart };
      }),
    around: (accountId, peer, id, older, newer) =>
      flushed(() => {
        const anchor = q.byId.get(accountId, id) as MessageRow | undefined;
        if (!anchor || anchor.peer !== peer) return null;
        const at = { account: accountId, peer, at_ms: anchor.at_ms, seq: anchor.seq };
        const before = q.olderThan.all({ ...at, limit: older + 1 }) as MessageRow[];
        const after = q.newerThan.all({ ...at, limit: newer + 1 }) as MessageRow[];
        const rows = [...before.slice(0, older).reverse(), anchor, ...after.slice(0, newer)];
        return { messages: rows.map(toMessage), reachedStart: before.length <= older, reachedEnd: after.length <= newer };
      }),
    newer: (accountId, peer, after, limit) =>
      flushed(() => {
        const anchor = q.byId.get(accountId, after) as MessageRow | undefined;
        // A message deleted meanwhile: nothing to page from (the window then shows what it has, and live ones).
        if (!anchor || anchor.peer !== peer) return { messages: [], reachedEnd: true };
        const rows = q.newerThan.all({ account: accountId, peer, at_ms: anchor.at_ms, seq: anchor.seq, limit: limit + 1 }) as MessageRow[];
        return { messages: rows.slice(0, limit).map(toMessage), reachedEnd: rows.length <= limit };
      }),
    conversations: (accountId) =>
      flushed(() =>
        (q.conversations.all(accountId) as Array<MessageRow & { unread: number; conversation_peer: string }>).map((row) => ({
          peer: row.conversation_peer,
          lastMessage: row.id === null ? null : toMessage(row),
          unread: row.unread,
        })),
      ),
    markRead: (accountId, peer) => flushed(() => void q.markRead.run(accountId, peer)),
    outgoing: (accountId, states) =>
      flushed(() => (q.outgoing.all(accountId, JSON.stringify(states)) as MessageRow[]).map(toMessage)),
    lastArchiveId: (accountId) => flushed(() => (q.getSync.get(accountId) as { last_archive_id: string } | undefined)?.last_archive_id ?? null),
    oldestArchiveId: (accountId, peer) =>
      flushed(() => (q.oldestArchiveId.get(accountId, peer) as { archive_id: string } | undefined)?.archive_id ?? null),
    search: (query) => flushed(() => searchMessages(db, query)),
    deleteConversation: (accountId, peer) =>
      flushed(() =>
        erased(
          db.transaction(() => {
            const { changes } = q.deleteConversationMessages.run(accountId, peer);
            q.deleteConversation.run(accountId, peer);
            return changes;
          })(),
        ),
      ),
    clearAccount: (accountId) =>
      flushed(() =>
        erased(
          db.transaction(() => {
            const { changes } = q.deleteAccountMessages.run(accountId);
            q.deleteAccountConversations.run(accountId);
            q.deleteSync.run(accountId);
            const rooms = q.room.deleteAccount.run(accountId).changes;
            q.room.deleteAccountSync.run(accountId);
            return changes + rooms;
          })(),
        ),
      ),
    prune: (before) =>
      flushed(() =>
        db.transaction(() => {
          const { changes } = q.prune.run(before.getTime());
          q.repairConversations.run();
          q.dropEmptyConversations.run();
          return changes + q.room.prune.run(before.getTime()).changes;
        })(),
      ),
    storeRoomMessages: (messages, after = null) => flushed(() => db.transaction(() => storeRoomMessages(q.room, messages, after, now()))()),
    settleRoomMessage: (accountId, id, update) => flushed(() => settleRoomMessage(q.room, accountId, id, update)),
    roomHistory: (accountId, room, before, limit) => flushed(() => roomHistory(q.room, accountId, room, before, limit)),
    roomSyncPoint: (accountId, room) =>
      flushed(() => (q.room.getSync.get(accountId, room) as { last_archive_id: string } | undefined)?.last_archive_id ?? null),
    setRoomSyncPoint: (accountId, room, archiveId) => flushed(() => void q.room.setSync.run(accountId, room, archiveId)),
    newestRoomArchiveId: (accountId, room) =>
      flushed(() => (q.room.newestArchiveId.get(accountId, room) as { archive_id: string } | undefined)?.archive_id ?? null),
    // issue 14: read markers
    contactReadUpTo: (accountId, peer, marked) => flushed(() => contactReadUpTo(q.read, accountId, peer, marked)),
    readPosition: (accountId, peer) => flushed(() => readPosition(q.read, accountId, peer)),
    readElsewhereUpTo: (accountId, peer, marked) => flushed(() => db.transaction(() => readElsewhereUpTo(q.read, accountId, peer, marked))()),
    // issue 14: message changes
    messageByRef: (accountId, peer, ref) => flushed(() => messageByRef(q.changes, accountId, peer, ref)),
    messageById: (accountId, id) => flushed(() => messageById(q.changes, accountId, id)),
    saveChanges: (message) => flushed(() => saveChanges(q.changes, message)),
    close: () => {
      try {
        group.flush();
      } finally {
        db.close();
      }
    },
  };
}
