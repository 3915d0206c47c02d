/**
 * Read markers in the local history (issue 14, XEP-0333): where the contact has read up to (migration 5's
 * read_positions), and the unread count after our own other device read the contact's messages.
 *
 * A marker names a message by the id it was sent with (its origin-id, or its stanza id); only a message of
 * that conversation, in the direction the marker is about, counts: anything else was never ours to mark.
 */
import type Database from 'better-sqlite3';
import { namedByOriginId, namedByStanzaId, prepareNamedMessageStatements, type NamedId, type NamedPlace } from './named-message.js';


export function prepareReadPositionStatements(db: Database.Database) {
  return {
    named: prepareNamedMessageStatements(db),
    current: db.prepare(
      `SELECT m.rowid AS rowid, m.id AS id, m.at_ms AS at_ms, m.seq AS seq FROM read_positions r JOIN messages m ON m.rowid = r.message_rowid
       WHERE r.account = ? AND r.peer = ?`,
    ),
    set: db.prepare(
      `INSERT INTO read_positions (account, peer, message_rowid) VALUES (?, ?, ?)
       ON CONFLICT (account, peer) DO UPDATE SET message_rowid = excluded.message_rowid`,
    ),
    unreadAfter: db.prepare(
      `SELECT count(*) AS n FROM messages
       WHERE account = @account AND peer = @peer AND direction = 'in' AND carbon = 0 AND (at_ms, seq) > (@at_ms, @seq)`,
    ),
    lowerUnread: db.prepare(`UPDATE conversations SET unread = min(unread, @n) WHERE account = @account AND peer = @peer`),
    unread: db.prepare(`SELECT unread FROM conversations WHERE account = ? AND peer = ?`),
  };
}

export type ReadPositionStatements = ReturnType<typeof prepareReadPositionStatements>;

const isLater = (a: NamedPlace, b: NamedPlace): boolean => a.at_ms > b.at_ms || (a.at_ms === b.at_ms && a.seq > b.seq);

/** The conversation's message in `direction` that a marker's `markedId` names, or null. */
function markedMessage(q: ReadPositionStatements, account: string, peer: string, direction: 'in' | 'out', marked: NamedId): NamedPlace | null {
  const query = { account, peer, named: marked, direction };
  // The origin-id first (the usual case); a sender without one: the newest message with that stanza id.
  return namedByOriginId(q.named, query) ?? namedByStanzaId(q.named, query, 'newest');
}

/**
 * The contact read up to our message `markedId`: it becomes the conversation's read position unless an
 * earlier marker already named a later one (markers can arrive out of order, e.g. from the archive). Answers
 * the local id of the message now read up to, or null when nothing changed (unknown id, or not later).
 */
export function contactReadUpTo(q: ReadPositionStatements, account: string, peer: string, markedId: NamedId): string | null {
  const marked = markedMessage(q, account, peer, 'out', markedId);
  if (marked === null) return null;
  const current = q.current.get(account, peer) as NamedPlace | undefined;
  if (current !== undefined && !isLater(marked, current)) return null;
  q.set.run(account, peer, marked.rowid);
  return marked.id;
}

/** The local id of our newest message the contact has read, or null. */
export function readPosition(q: ReadPositionStatements, account: string, peer: string): string | null {
  return (q.current.get(account, peer) as NamedPlace | undefined)?.id ?? null;
}

/**
 * Another of our devices read up to the contact's message `markedId`: the unread count drops to the messages
 * after it (never rises). Answers the new count, or null when no such message of theirs is stored.
 */
export function readElsewhereUpTo(q: ReadPositionStatements, account: string, peer: string, markedId: NamedId): number | null {
  const marked = markedMessage(q, account, peer, 'in', markedId);
  if (marked === null) return null;
  const { n } = q.unreadAfter.get({ account, peer, at_ms: marked.at_ms, seq: marked.seq }) as { n: number };
  q.lowerUnread.run({ account, peer, n });
  return (q.unread.get(account, peer) as { unread: number } | undefined)?.unread ?? 0;
}
