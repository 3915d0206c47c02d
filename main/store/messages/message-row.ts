/** A stored message row and the ChatMessage it is, both ways. */
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage, MessageState } from '../../../app/domain/chat.js';
import { readChangesColumn } from './message-changes-column.js';
import { readEncryptionColumns } from './encryption-columns.js';

export interface MessageRow {
  readonly rowid: number;
  readonly id: string;
  readonly account: string;
  readonly peer: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  readonly at: string;
  readonly at_ms: number;
  readonly stored_at: string;
  readonly state: string;
  readonly error: string | null;
  readonly stanza_id: string | null;
  readonly origin_id: string | null;
  readonly archive_id: string | null;
  readonly carbon: number;
  readonly seq: number;
  /** issue 14: files (migration 6). */
  readonly oob_url: string | null;
  // issue 14: message changes (migration 7); undefined in rows read before it.
  readonly changes?: string | null;
  // issue 15: OMEMO (migration 9); undefined in rows read before it.
  readonly encryption?: string | null;
  readonly encryption_reason?: string | null;
  readonly encryption_device?: number | null;
}

const STATES: ReadonlySet<string> = new Set<MessageState>(['queued', 'sent', 'delivered', 'failed', 'received']);

export function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    accountId: row.account as AccountId,
    peer: row.peer,
    direction: row.direction,
    body: row.body,
    at: row.at,
    // Written by this code only; anything else reads as the plainest state rather than failing the page.
    state: STATES.has(row.state) ? (row.state as MessageState) : row.direction === 'in' ? 'received' : 'sent',
    stanzaId: row.stanza_id,
    originId: row.origin_id,
    archiveId: row.archive_id,
    carbon: row.carbon !== 0,
    error: row.error,
    // issue 14: files
    ...(row.oob_url === null || row.oob_url === undefined ? {} : { oobUrl: row.oob_url }),
    ...readChangesColumn(row.changes ?? null),
    ...readEncryptionColumns(row), // issue 15: OMEMO
  };
}

/** The time a message sorts by: its own (server's) time, or when it was stored if that one is unreadable. */
export function sortTime(message: ChatMessage, storedAt: Date): number {
  const at = Date.parse(message.at);
  return Number.isNaN(at) ? storedAt.getTime() : at;
}
