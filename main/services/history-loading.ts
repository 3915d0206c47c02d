/**
 * One page of a conversation's history from the server archive (MAM), as the window asked for it: `limit`
 * messages older than `before` (or the newest), each mapped onto the message the window already has.
 */
import type { ChatMessage, HistoryPage } from '../../app/domain/chat.js';
import type { Archive } from '../xmpp/features/archive.js';
import type { IncomingChange } from '../xmpp/features/message-changes/incoming-change.js';

/**
 * How many archive pages one load may read to fill its page: the archive also holds receipts and chat
 * states, which are not conversation text, so a page of N archive items can hold fewer messages.
 */
export const MAX_ARCHIVE_ROUNDS = 8;

export interface HistoryRequest {
  readonly peer: string;
  /** The archive id of the oldest message shown; undefined for the newest page. */
  readonly before: string | undefined;
  readonly limit: number;
}

/** `adopt` maps each archived message onto the one already handed out (conversation-store.ts). */
export async function loadHistory(
  archive: Pick<Archive, 'loadPage'>,
  adopt: (archived: ChatMessage) => ChatMessage,
  { peer, before, limit }: HistoryRequest,
  // issue 14: message changes: applied once the page's messages are stored (they may name one of them).
  applyChange: (change: IncomingChange) => void = () => undefined,
): Promise<HistoryPage> {
  // No `before` means the newest page (the contract), every time: a window opened again starts there.
  let cursor = before ?? null;
  const found: ChatMessage[] = [];
  // A message the server archived twice (a resend after a lost stream) is still one message.
  const ids = new Set<string>();
  let complete = false;
  for (let round = 0; round < MAX_ARCHIVE_ROUNDS && found.length < limit; round += 1) {
    const page = await archive.loadPage({ peer, before: cursor, max: limit - found.length, seen: 'include' });
    // Newest first: each is stored as older than everything before it (conversation-store adoptOlder), so
    // messages of one second keep the page's order.
    const adopted = page.messages
      .toReversed()
      .map(adopt)
      .reverse()
      .filter((m) => !ids.has(m.id) && ids.add(m.id));
    found.unshift(...adopted);
    for (const change of page.changes ?? []) applyChange(change);
    complete = page.complete;
    // An empty page has no `first` to continue from: whatever the server says, there is nothing to page to.
    if (complete || page.first === null) break;
    cursor = page.first;
  }
  return { messages: found, complete };
}

/** What the stored-first history needs of the account's conversations (conversation-store.ts). */
export interface StoredHistory {
  history(peer: string, before: string | null, limit: number): { readonly messages: readonly ChatMessage[]; readonly reachedStart: boolean };
  oldestArchiveId(peer: string): string | null;
  adoptOlder(archived: ChatMessage): ChatMessage;
}

/**
 * One page of history, from this computer first: the server archive is asked only when fewer than `limit`
 * older messages are stored, and then for what is older than the oldest archived message stored, each page
 * stored as it comes. Without an archive (offline, or a server without one) the stored messages are all
 * there is, and the page says it is the beginning.
 */
export async function loadStoredHistory(
  store: StoredHistory,
  archive: Pick<Archive, 'loadPage'> | null,
  request: HistoryRequest,
  applyChange?: (change: IncomingChange) => void,
): Promise<HistoryPage> {
  const { peer, before, limit } = request;
  const stored = store.history(peer, before ?? null, limit);
  if (stored.messages.length >= limit) return { messages: stored.messages, complete: false };
  if (archive === null) return { messages: stored.messages, complete: stored.reachedStart };
  const fetched = await loadHistory(archive, (m) => store.adoptOlder(m), { peer, before: store.oldestArchiveId(peer) ?? undefined, limit: limit - stored.messages.length }, applyChange);
  const now = store.history(peer, before ?? null, limit);
  return { messages: now.messages, complete: now.reachedStart && fetched.complete };
}
