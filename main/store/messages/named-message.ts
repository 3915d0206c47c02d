/**
 * Finding the message another message names (a read marker, a correction, a reaction, a reply, a retraction)
 * within its conversation, by the id it was sent with: its origin-id or its stanza id.
 *
 * No index of its own for the origin-id: it is already one of the message's dedupe keys (message_keys), so
 * the caller gives the key too (the store knows no protocol: dedupe.ts namedIdOf makes it). A stanza id is
 * indexed only where it differs from the origin-id (migration 8): the clients in use send one id as both, and
 * each index written at a random place costs every stored message a page of the write-ahead log (two such
 * indexes halved the rate of storing archive pages, docs/performance.md).
 */
import type Database from 'better-sqlite3';

/** What a message is named by: the id as sent, and the dedupe key a message with that origin-id is stored under. */
export interface NamedId {
  readonly id: string;
  readonly originKey: string;
}

export interface NamedPlace {
  readonly rowid: number;
  /** The message's local id. */
  readonly id: string;
  readonly at_ms: number;
  readonly seq: number;
}

export function prepareNamedMessageStatements(db: Database.Database) {
  // Named, with its own condition ("stanza_id IS NOT origin_id") repeated: SQLite would otherwise walk the
  // conversation in time order to save a sort (it has no statistics to know that few messages share a stanza id).
  const byStanzaId = (order: 'ASC' | 'DESC') =>
    db.prepare(
      `SELECT rowid, id, at_ms, seq FROM messages INDEXED BY messages_by_stanza_id
       WHERE account = @account AND peer = @peer AND stanza_id = @id AND stanza_id IS NOT origin_id
         AND (@direction IS NULL OR direction = @direction)
       ORDER BY at_ms ${order}, seq ${order} LIMIT 1`,
    );
  return {
    byOriginKey: db.prepare(
      `SELECT m.rowid AS rowid, m.id AS id, m.at_ms AS at_ms, m.seq AS seq, m.direction AS direction, m.peer AS peer
       FROM message_keys k JOIN messages m ON m.rowid = k.message_rowid WHERE k.account = ? AND k.key = ?`,
    ),
    oldestByStanzaId: byStanzaId('ASC'),
    newestByStanzaId: byStanzaId('DESC'),
  };
}

export type NamedMessageStatements = ReturnType<typeof prepareNamedMessageStatements>;

const isEarlier = (a: NamedPlace, b: NamedPlace): boolean => a.at_ms < b.at_ms || (a.at_ms === b.at_ms && a.seq < b.seq);

export interface NamedQuery {
  readonly account: string;
  readonly peer: string;
  readonly named: NamedId;
  /** Only a message in this direction counts (a read marker is about ours, or about theirs). */
  readonly direction: 'in' | 'out' | null;
}

/** The message stored under the named origin-id, in the conversation (and direction) asked about. */
export function namedByOriginId(q: NamedMessageStatements, { account, peer, named, direction }: NamedQuery): NamedPlace | null {
  const row = q.byOriginKey.get(account, named.originKey) as (NamedPlace & { direction: string; peer: string }) | undefined;
  return row !== undefined && row.peer === peer && (direction === null || row.direction === direction) ? row : null;
}

/** Of the messages whose stanza id (other than their origin-id) is the named id: the oldest or the newest. */
export function namedByStanzaId(q: NamedMessageStatements, { account, peer, named, direction }: NamedQuery, which: 'oldest' | 'newest'): NamedPlace | null {
  const statement = which === 'oldest' ? q.oldestByStanzaId : q.newestByStanzaId;
  return (statement.get({ account, peer, id: named.id, direction }) as NamedPlace | undefined) ?? null;
}

/** The oldest message the id names, by either id: what a change (a correction, a reaction...) applies to. */
export function oldestNamed(q: NamedMessageStatements, query: NamedQuery): NamedPlace | null {
  const byOrigin = namedByOriginId(q, query);
  const byStanza = namedByStanzaId(q, query, 'oldest');
  if (byOrigin === null || byStanza === null) return byOrigin ?? byStanza;
  return isEarlier(byStanza, byOrigin) ? byStanza : byOrigin;
}
