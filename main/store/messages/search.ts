/**
 * Full-text search over the stored messages (FTS5), newest first, with a few words of context around the
 * matches. What the user typed never reaches FTS5's query language: each word becomes a quoted string (the
 * last one also matches as a prefix from its second character, so results come while typing), and all words
 * must occur.
 */
import type Database from 'better-sqlite3';
import type { AccountId } from '../../../app/domain/account.js';
import type { ContextPart, SearchHit } from '../../../app/domain/history-search.js';
import { toMessage, type MessageRow } from './message-row.js';

export interface SearchQuery {
  readonly text: string;
  readonly accountId?: AccountId;
  readonly peer?: string;
  /** Only messages at or after / before these times. */
  readonly from?: Date;
  readonly until?: Date;
  readonly limit: number;
  readonly offset?: number;
}

export type { ContextPart, SearchHit } from '../../../app/domain/history-search.js';

// Control characters XML 1.0 forbids: no message body (it came in XML) can contain them, so they can mark the
// matches in FTS5's snippet without being confused with the text.
const OPEN = '\u0002';
const CLOSE = '\u0003';

/** An FTS5 string: the text quoted, so nothing in it is query syntax. */
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The FTS5 query for what the user typed; null when it holds no word. */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/u)
    // Control characters are no words (and two of them mark the matches below).
    .map((w) => [...w].filter((c) => c.charCodeAt(0) >= 0x20).join(''))
    .filter((w) => w !== '');
  if (words.length === 0) return null;
  // A prefix from the second character on: one letter begins too many words to be worth merging all their lists.
  return words.map((w, i) => `${quoted(w)}${i === words.length - 1 && [...w].length > 1 ? '*' : ''}`).join(' ');
}

export function contextParts(snippet: string): ContextPart[] {
  const parts: ContextPart[] = [];
  let rest = snippet;
  while (rest !== '') {
    const open = rest.indexOf(OPEN);
    if (open === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), match: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text !== '');
}

/** The word migration 2 indexes for a conversation: its account and peer, as SQLite's hex() of the text. */
export function conversationWord(accountId: string, peer: string): string {
  return Buffer.from(`${accountId} ${peer}`, 'utf8').toString('hex');
}

/**
 * The whole FTS5 query: what the user typed matches the bodies only; within one conversation, the index also
 * finds the conversation's word (migration 2), so it yields that conversation's matches alone.
 */
function matchExpression(text: string, conversation: { accountId: string; peer: string } | null): string | null {
  const words = ftsQuery(text);
  if (words === null) return null;
  const body = `body : (${words})`;
  return conversation === null ? body : `conversation : "${conversationWord(conversation.accountId, conversation.peer)}" AND ${body}`;
}

export function searchMessages(db: Database.Database, query: SearchQuery): SearchHit[] {
  const conversation = query.accountId !== undefined && query.peer !== undefined ? { accountId: query.accountId, peer: query.peer } : null;
  const match = matchExpression(query.text, conversation);
  if (match === null) return [];
  const conditions = ['message_text MATCH @match'];
  const params: Record<string, string | number> = { match, limit: query.limit, offset: query.offset ?? 0 };
  if (query.accountId !== undefined) {
    conditions.push('m.account = @account');
    params['account'] = query.accountId;
  }
  if (query.peer !== undefined) {
    conditions.push('m.peer = @peer');
    params['peer'] = query.peer;
  }
  if (query.from !== undefined) {
    conditions.push('m.at_ms >= @from');
    params['from'] = query.from.getTime();
  }
  if (query.until !== undefined) {
    conditions.push('m.at_ms < @until');
    params['until'] = query.until.getTime();
  }
  // Newest stored first: FTS5 walks its index by rowid, which is the order messages were stored.
  const rows = db
    .prepare(
      `SELECT m.*, snippet(message_text, 0, '${OPEN}', '${CLOSE}', '…', 16) AS context
       FROM message_text JOIN messages m ON m.rowid = message_text.rowid
       WHERE ${conditions.join(' AND ')} ORDER BY message_text.rowid DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Array<MessageRow & { context: string }>;
  return rows.map((row) => ({ message: toMessage(row), context: contextParts(row.context) }));
}
