/**
 * The catch-up after a login: the first sync only takes where to start; later ones store and show what is new,
 * page by page, each message once; an archive id the server no longer knows starts over.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { catchUpWithArchive, EMPTY_ARCHIVE, MAX_CATCH_UP_PAGES } from '../../../main/services/archive-catch-up.js';
import { createConversationStore } from '../../../main/services/conversation-store.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { StanzaError } from '../../../main/xmpp/link.js';
import { ArchiveGapError, type CatchUpPage, type CatchUpQuery } from '../../../main/xmpp/features/archive.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();

const archived = (n: number, peer = 'romeo@example.net'): ChatMessage => ({
  id: `local-${n}`,
  accountId: 'acc',
  peer,
  direction: 'in',
  body: `message ${n}`,
  at: new Date(Date.UTC(2024, 4, 1, 12, 0, n)).toISOString(),
  state: 'received',
  stanzaId: null,
  originId: `o-${n}`,
  archiveId: `mam-${n}`,
  carbon: false,
  error: null,
});

async function store() {
  const db = openMessageDb({ file: path.join(await tempDir(), 'messages.sqlite'), now: () => new Date(), report: () => undefined });
  return createConversationStore(db, 'acc');
}

/** Answers each query with the next scripted page (or throws it), recording the queries. */
function archive(pages: Array<CatchUpPage | Error>) {
  const queries: CatchUpQuery[] = [];
  return {
    queries,
    catchUp: async (query: CatchUpQuery) => {
      queries.push(query);
      const next = pages.shift() ?? { messages: [], last: null, complete: true };
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

describe('catching up with the archive after a login', () => {
  it('the first sync stores and shows nothing: it takes the newest archive id as where to start', async () => {
    const s = await store();
    const source = archive([{ messages: [archived(9)], last: 'mam-9', complete: true }]);
    const shown: ChatMessage[] = [];
    await catchUpWithArchive(source, s, (m) => shown.push(m));
    expect(source.queries).toEqual([{ after: null, max: 1 }]);
    expect(shown).toEqual([]);
    expect(s.summaries()).toEqual([]);
    expect(s.syncPoint()).toBe('mam-9');
  });

  it('an archive empty at the first sync is noted so; the next sync takes all that came since', async () => {
    const s = await store();
    await catchUpWithArchive(archive([{ messages: [], last: null, complete: true }]), s, () => undefined);
    expect(s.syncPoint()).toBe(EMPTY_ARCHIVE);
    const source = archive([{ messages: [archived(1), archived(2)], last: 'mam-2', complete: true }]);
    const shown: ChatMessage[] = [];
    await catchUpWithArchive(source, s, (m) => shown.push(m));
    expect(source.queries).toEqual([{ after: null, max: 100 }]);
    expect(shown.map((m) => m.id)).toEqual(['local-1', 'local-2']);
    expect(s.syncPoint()).toBe('mam-2');
  });

  it('later syncs store and show what is new, page by page, counted unread; what came live is not shown twice', async () => {
    const s = await store();
    s.catchUp([], 'mam-1');
    s.add(archived(3));
    const source = archive([
      { messages: [archived(2), archived(3)], last: 'mam-3', complete: false },
      { messages: [archived(4, 'juliet@example.org')], last: 'mam-4', complete: true },
    ]);
    const shown: ChatMessage[] = [];
    await catchUpWithArchive(source, s, (m) => shown.push(m));
    expect(source.queries).toEqual([
      { after: 'mam-1', max: 100 },
      { after: 'mam-3', max: 100 },
    ]);
    expect(shown.map((m) => m.id)).toEqual(['local-2', 'local-4']);
    expect(s.syncPoint()).toBe('mam-4');
    expect(s.summaries().map((c) => [c.peer, c.unread])).toEqual([
      ['juliet@example.org', 1],
      ['romeo@example.net', 2],
    ]);
  });

  it('an archive id the server no longer knows starts over from the newest', async () => {
    const s = await store();
    s.catchUp([], 'mam-gone');
    const source = archive([new ArchiveGapError('mam-gone', { cause: new StanzaError('item-not-found', 'cancel') }), { messages: [], last: 'mam-50', complete: true }]);
    await catchUpWithArchive(source, s, () => undefined);
    expect(source.queries).toEqual([
      { after: 'mam-gone', max: 100 },
      { after: null, max: 1 },
    ]);
    expect(s.syncPoint()).toBe('mam-50');
  });

  it(`reads at most ${MAX_CATCH_UP_PAGES} pages per login; the next login goes on from there`, async () => {
    const s = await store();
    s.catchUp([], 'mam-0');
    const source = archive(Array.from({ length: MAX_CATCH_UP_PAGES + 5 }, (_, i) => ({ messages: [archived(i + 1)], last: `mam-${i + 1}`, complete: false })));
    await catchUpWithArchive(source, s, () => undefined);
    expect(source.queries).toHaveLength(MAX_CATCH_UP_PAGES);
    expect(s.syncPoint()).toBe(`mam-${MAX_CATCH_UP_PAGES}`);
  });
});
