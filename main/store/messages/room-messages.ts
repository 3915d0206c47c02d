/**
 * Room messages in the message database (migration 4): stored once however they reached us (live, sent from
 * here, or from the room's archive), read back a page at a time, newest first. The key within a room is the
 * room's archive id (its XEP-0359 stanza-id, by = the room); our own message, stored before the room gave it
 * one, is recognised by its origin-id and our nickname, the way the live path recognises its reflection.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { MessageState } from '../../../app/domain/chat.js';
import type { RoomMessage } from '../../../app/domain/rooms.js';
import type { RoomStatements } from './room-statements.js';

interface RoomMessageRow {
  readonly rowid: number;
  readonly id: string;
  readonly account: string;
  readonly room: string;
  readonly nick: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  readonly at: string;
  readonly at_ms: number;
  readonly state: string;
  readonly error: string | null;
  readonly stanza_id: string | null;
  readonly origin_id: string | null;
  readonly archive_id: string | null;
  readonly seq: number;
}

export interface RoomStored {
  /** The message as stored: the earlier copy (its local id and state) when it was there already. */
  readonly message: RoomMessage;
  readonly added: boolean;
}

export interface RoomHistorySlice {
  /** Oldest first. */
  readonly messages: readonly RoomMessage[];
  /** Nothing older is stored. */
  readonly reachedStart: boolean;
}

const STATES: ReadonlySet<string> = new Set<MessageState>(['queued', 'sent', 'delivered', 'failed', 'received']);
const RANK: Record<MessageState, number> = { queued: 0, failed: 1, sent: 2, delivered: 3, received: 3 };

function toRoomMessage(row: RoomMessageRow): RoomMessage {
  return {
    id: row.id,
    accountId: row.account as AccountId,
    room: row.room,
    nick: row.nick,
    direction: row.direction,
    body: row.body,
    at: row.at,
    // Written by this code only; anything else reads as the plainest state rather than failing the page.
    state: STATES.has(row.state) ? (row.state as MessageState) : row.direction === 'in' ? 'received' : 'sent',
    stanzaId: row.stanza_id,
    originId: row.origin_id,
    archiveId: row.archive_id,
  };
}

/** The stored copy of this message, if any: by the room's archive id, else (ours) by origin-id and nickname. */
function findStored(q: RoomStatements, message: RoomMessage): RoomMessageRow | undefined {
  const { accountId, room } = message;
  if (message.archiveId !== null) {
    const found = q.byArchiveId.get(accountId, room, message.archiveId) as RoomMessageRow | undefined;
    if (found) return found;
  }
  if (message.originId === null) return undefined;
  return q.oursByOriginId.get(accountId, room, message.originId, message.nick) as RoomMessageRow | undefined;
}

/**
 * Stores room messages in the room's order (in the caller's transaction), each unless a copy is there (a copy
 * learns the archive id). `after` is the archive id the messages follow (an archive page read after it).
 *
 * Order: messages sort by time, then by when they were stored. A room's archive stamps whole seconds while a
 * live message has our clock's milliseconds, so an archived message can look older than a live one it
 * follows; a message is therefore never sorted before the one it follows (the page's previous one, or `after`).
 */
export function storeRoomMessages(q: RoomStatements, messages: readonly RoomMessage[], after: string | null, storedAt: Date): RoomStored[] {
  const first = messages[0];
  const followed = first === undefined || after === null ? undefined : (q.byArchiveId.get(first.accountId, first.room, after) as RoomMessageRow | undefined);
  let floor = followed?.at_ms ?? Number.NEGATIVE_INFINITY;
  return messages.map((message) => {
    const { stored, atMs } = storeOne(q, message, storedAt, floor);
    floor = Math.max(floor, atMs);
    return stored;
  });
}

function storeOne(q: RoomStatements, message: RoomMessage, storedAt: Date, floor: number): { stored: RoomStored; atMs: number } {
  const found = findStored(q, message);
  if (found) {
    if (found.archive_id === null && message.archiveId !== null) {
      q.setArchiveId.run(message.archiveId, found.rowid);
      return { stored: { message: toRoomMessage({ ...found, archive_id: message.archiveId }), added: false }, atMs: found.at_ms };
    }
    return { stored: { message: toRoomMessage(found), added: false }, atMs: found.at_ms };
  }
  const parsed = Date.parse(message.at);
  const atMs = Math.max(Number.isNaN(parsed) ? storedAt.getTime() : parsed, floor);
  q.insert.run({
    id: message.id,
    account: message.accountId,
    room: message.room,
    nick: message.nick,
    direction: message.direction,
    body: message.body,
    at: message.at,
    at_ms: atMs,
    state: message.state,
    error: null,
    stanza_id: message.stanzaId,
    origin_id: message.originId,
    archive_id: message.archiveId,
  });
  return { stored: { message, added: true }, atMs };
}

/** Our message reached the room (with its archive id) or was refused; null when unknown or it would go backwards. */
export function settleRoomMessage(
  q: RoomStatements,
  accountId: AccountId,
  id: string,
  update: { readonly state: MessageState; readonly archiveId: string | null; readonly error: string | null },
): RoomMessage | null {
  const row = q.byId.get(accountId, id) as RoomMessageRow | undefined;
  if (!row) return null;
  const current = toRoomMessage(row);
  if (RANK[update.state] < RANK[current.state]) return null;
  q.settle.run(update.state, update.error, update.archiveId, row.rowid);
  return { ...current, state: update.state, archiveId: current.archiveId ?? update.archiveId };
}

/** Up to `limit` stored messages of the room older than the message `before` (the newest when null), oldest first. */
export function roomHistory(q: RoomStatements, accountId: AccountId, room: string, before: string | null, limit: number): RoomHistorySlice {
  const anchor = before === null ? undefined : (q.byId.get(accountId, before) as RoomMessageRow | undefined);
  // An anchor from another room (or one deleted meanwhile) gives no page rather than another room's messages.
  if (before !== null && (anchor === undefined || anchor.room !== room)) return { messages: [], reachedStart: true };
  const rows = (
    anchor
      ? q.olderThan.all({ account: accountId, room, at_ms: anchor.at_ms, seq: anchor.seq, limit: limit + 1 })
      : q.newest.all({ account: accountId, room, limit: limit + 1 })
  ) as RoomMessageRow[];
  return { messages: rows.slice(0, limit).reverse().map(toRoomMessage), reachedStart: rows.length <= limit };
}
