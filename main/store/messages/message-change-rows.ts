/**
 * Message changes in the local history (issue 14: corrections, retractions, reactions, replies; migration 7):
 * finding the message a change names within its conversation, and writing its text and changes as they now
 * are. The column's format is message-changes-column.ts.
 */
import type Database from 'better-sqlite3';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { writeChangesColumn } from './message-changes-column.js';
import { toMessage, type MessageRow } from './message-row.js';
import { oldestNamed, prepareNamedMessageStatements, type NamedId } from './named-message.js';

export function prepareMessageChangeStatements(db: Database.Database) {
  return {
    // A change names its message by the sender's stanza id or origin-id (named-message.ts).
    named: prepareNamedMessageStatements(db),
    byRowid: db.prepare(`SELECT * FROM messages WHERE rowid = ?`),
    byId: db.prepare(`SELECT * FROM messages WHERE account = ? AND id = ?`),
    setChanges: db.prepare(`UPDATE messages SET body = ?, changes = ? WHERE rowid = ?`),
  };
}

export type MessageChangeStatements = ReturnType<typeof prepareMessageChangeStatements>;

/** The conversation's message a change names (its stanza id or origin-id), the oldest if several. */
export function messageByRef(q: MessageChangeStatements, accountId: AccountId, peer: string, ref: NamedId): ChatMessage | null {
  const place = oldestNamed(q.named, { account: accountId, peer, named: ref, direction: null });
  const row = place === null ? undefined : (q.byRowid.get(place.rowid) as MessageRow | undefined);
  return row ? toMessage(row) : null;
}

export function messageById(q: MessageChangeStatements, accountId: AccountId, id: string): ChatMessage | null {
  const row = q.byId.get(accountId, id) as MessageRow | undefined;
  return row ? toMessage(row) : null;
}

/**
 * Writes a message's body and changes as they now are; a message no longer stored is left alone. The encryption
 * is the stored row's (a change never makes a message readable or not): an undecryptable message keeps its empty
 * body, and a correction's text is not put in the index as if it were the unreadable message's (issue 15: OMEMO).
 */
export function saveChanges(q: MessageChangeStatements, message: ChatMessage): void {
  const row = q.byId.get(message.accountId, message.id) as MessageRow | undefined;
  if (row) q.setChanges.run(row.encryption === 'undecryptable' ? '' : message.body, writeChangesColumn(message), row.rowid);
}
