/**
 * Storing server archive (MAM) pages: the catch-up path of the app (conversation-store.ts `catchUp`, which
 * computes the dedupe keys and calls `storeArchivePage`, one transaction per page of 100). Each page also
 * carries a few messages already stored (copies that came live or as carbons before the catch-up), which are
 * recognised by their keys and not stored twice. Baseline: the same messages stored one transaction each
 * (the live path, `store`), as a client storing every archived message on its own would.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createConversationStore } from '../../../main/services/conversation-store.js';
import type { MessageDb } from '../../../main/store/messages/message-db.js';
import { keysOf } from '../../../main/xmpp/features/dedupe.js';
import { randomId, seeded } from './random.js';
import { summarize, timed } from './stats.js';
import type { Row } from './table.js';
import type { World } from './world.js';

export const PAGE = 100;
/** Of each page, this many are copies of messages stored before the catch-up. */
const ALREADY_STORED = 5;

export interface ArchiveResult {
  readonly rows: Row[];
  /** Messages newly stored (the database holds `from` + this many). */
  readonly added: number;
}

/** The new messages [from, to) of each account, in archive pages with copies of recently stored ones mixed in. */
function pagesOf(world: World, from: number, to: number): Array<{ account: AccountId; messages: ChatMessage[] }> {
  const random = seeded(from);
  const fresh = new Map<AccountId, ChatMessage[]>(world.accounts.map((a) => [a, []]));
  for (let i = from; i < to; i += 1) {
    const m = world.message(i);
    fresh.get(m.accountId)?.push(m);
  }
  const recent = new Map<AccountId, number[]>(world.accounts.map((a) => [a, []]));
  for (let i = Math.max(0, from - 20_000); i < from; i += 1) {
    const conversation = world.conversations[world.conversationOf(i)];
    if (conversation) recent.get(conversation.account)?.push(i);
  }
  const pages: Array<{ account: AccountId; messages: ChatMessage[] }> = [];
  for (const account of world.accounts) {
    const messages = fresh.get(account) ?? [];
    const copies = recent.get(account) ?? [];
    const perPage = copies.length > 0 ? PAGE - ALREADY_STORED : PAGE;
    for (let start = 0; start < messages.length; start += perPage) {
      const page = messages.slice(start, start + perPage);
      for (let k = 0; k < PAGE - perPage; k += 1) {
        const j = copies[Math.floor(random() * copies.length)] ?? 0;
        // The archive's copy: the same archive id and origin-id, a local id of its own.
        page.splice(Math.floor(random() * page.length), 0, { ...world.message(j), id: `copy-${randomId(random, 24)}` });
      }
      pages.push({ account, messages: page });
    }
  }
  return pages;
}

/**
 * Stores messages [from, to): those up to `baselineUntil` one per transaction (the baseline), the rest in
 * archive pages (the measurement).
 */
export function measureArchiveStore(db: MessageDb, world: World, from: number, baselineUntil: number, to: number): ArchiveResult {
  const stores = new Map(world.accounts.map((a) => [a, createConversationStore(db, a)]));
  const single: number[] = [];
  let singleTotal = 0;
  for (let i = from; i < baselineUntil; i += 1) {
    const m = world.message(i);
    const ms = timed(() => {
      const keys = keysOf(m.peer, { originId: m.originId, archiveId: m.archiveId, stanzaId: m.stanzaId, body: m.body });
      db.store({ message: m, keys, unread: m.direction === 'in' });
    });
    singleTotal += ms;
    single.push(1000 / ms);
  }
  const perPage: number[] = [];
  let messages = 0;
  let total = 0;
  let added = baselineUntil - from;
  for (const page of pagesOf(world, baselineUntil, to)) {
    const store = stores.get(page.account);
    if (!store) throw new Error(`no store for ${page.account}`);
    const last = page.messages[page.messages.length - 1]?.archiveId ?? null;
    let shown = 0;
    const ms = timed(() => {
      shown = store.catchUp(page.messages, last).length;
    });
    added += shown;
    messages += page.messages.length;
    total += ms;
    perPage.push((page.messages.length * 1000) / ms);
  }
  return {
    added,
    rows: [
      {
        label: `Archive pages of ${PAGE} stored (${ALREADY_STORED} per page already stored)`,
        unit: 'msg/s',
        measured: summarize(perPage),
        overall: (messages * 1000) / total,
        target: { value: 20_000, statistic: 'overall', bound: 'at-least' },
        ...(single.length > 0
          ? { baseline: { name: 'one transaction per message', measured: summarize(single), overall: (single.length * 1000) / singleTotal } }
          : {}),
      },
    ],
  };
}
