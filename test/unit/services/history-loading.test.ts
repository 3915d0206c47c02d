/**
 * Loading one history page: from this computer first, the archive asked only for what is older than what is
 * stored; from the archive, enough pages to fill it (bounded), a message archived twice shown once, and no
 * paging past an empty page. The archive is given as the pages a server would return; the store is the real
 * conversation store over a real SQLite file.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createConversationStore } from '../../../main/services/conversation-store.js';
import { loadHistory, loadStoredHistory, MAX_ARCHIVE_ROUNDS } from '../../../main/services/history-loading.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { useTempDirs } from '../store/temp-dir.js';
import type { ArchivePage, ArchiveQuery } from '../../../main/xmpp/features/archive.js';

const PEER = 'romeo@example.net';

const archived = (n: number, originId: string | null = null): ChatMessage => ({
  id: `local-${n}`,
  accountId: 'acc',
  peer: PEER,
  direction: 'in',
  body: `message ${n}`,
  at: '2024-05-01T12:00:00.000Z',
  state: 'received',
  stanzaId: null,
  originId,
  archiveId: `mam-${n}`,
  carbon: false,
  error: null,
});

/** An archive that answers each query with the next scripted page, and records the queries. */
function archive(pages: ArchivePage[]) {
  const queries: ArchiveQuery[] = [];
  return {
    queries,
    loadPage: async (query: ArchiveQuery) => {
      queries.push(query);
      return pages.shift() ?? { messages: [], complete: true, first: null };
    },
  };
}

const tempDir = useTempDirs();

async function storeFor() {
  const db = openMessageDb({ file: path.join(await tempDir(), 'messages.sqlite'), now: () => new Date('2024-05-02T00:00:00.000Z'), report: () => undefined });
  return createConversationStore(db, 'acc');
}

const adoptInto = async () => {
  const store = await storeFor();
  return (m: ChatMessage) => store.adopt(m);
};

describe('loadHistory', () => {
  it('reads older pages until the page is full, oldest message first', async () => {
    const source = archive([
      { messages: [archived(9), archived(10)], complete: false, first: 'mam-8' },
      { messages: [archived(7)], complete: false, first: 'mam-5' },
    ]);
    const page = await loadHistory(source, await adoptInto(), { peer: PEER, before: undefined, limit: 3 });
    expect(page.messages.map((m) => m.id)).toEqual(['local-7', 'local-9', 'local-10']);
    expect(page.complete).toBe(false);
    expect(source.queries).toEqual([
      { peer: PEER, before: null, max: 3, seen: 'include' },
      { peer: PEER, before: 'mam-8', max: 1, seen: 'include' },
    ]);
  });

  it('shows a message the server archived twice once', async () => {
    const source = archive([{ messages: [archived(1, 'same'), { ...archived(2, 'same'), id: 'local-2' }], complete: true, first: 'mam-1' }]);
    const page = await loadHistory(source, await adoptInto(), { peer: PEER, before: 'mam-9', limit: 5 });
    // A page is stored newest first (read backwards), so the later copy is the one kept.
    expect(page).toEqual({ messages: [expect.objectContaining({ id: 'local-2' })], complete: true });
  });

  it('stops at an empty page, whatever the server says about completeness', async () => {
    const source = archive([{ messages: [], complete: false, first: null }]);
    const page = await loadHistory(source, await adoptInto(), { peer: PEER, before: undefined, limit: 5 });
    expect(page).toEqual({ messages: [], complete: false });
    expect(source.queries).toHaveLength(1);
  });

  it(`reads at most ${MAX_ARCHIVE_ROUNDS} archive pages for one load`, async () => {
    // Pages of receipts and chat states: nothing to show, always more to read.
    const source = archive(Array.from({ length: 20 }, (_, i) => ({ messages: [], complete: false, first: `mam-${100 - i}` })));
    const page = await loadHistory(source, await adoptInto(), { peer: PEER, before: undefined, limit: 5 });
    expect(page.messages).toEqual([]);
    expect(source.queries).toHaveLength(MAX_ARCHIVE_ROUNDS);
  });
});

const at = (n: number) => new Date(Date.UTC(2024, 4, 1, 12, 0, n)).toISOString();

describe('loadStoredHistory', () => {
  it('serves a full page from this computer without asking the archive', async () => {
    const store = await storeFor();
    for (let n = 1; n <= 5; n += 1) store.add({ ...archived(n), archiveId: null, originId: `o-${n}`, at: at(n) });
    const source = archive([]);
    const page = await loadStoredHistory(store, source, { peer: PEER, before: undefined, limit: 3 });
    expect(page).toEqual({ messages: [3, 4, 5].map((n) => expect.objectContaining({ id: `local-${n}` })), complete: false });
    const older = await loadStoredHistory(store, source, { peer: PEER, before: 'local-3', limit: 2 });
    expect(older.messages.map((m) => m.id)).toEqual(['local-1', 'local-2']);
    expect(source.queries).toEqual([]);
  });

  it('asks the archive for what is older than its oldest stored archive id, stores it, and says when all is there', async () => {
    const store = await storeFor();
    store.adopt({ ...archived(5), at: at(5) });
    store.add({ ...archived(6), archiveId: null, originId: 'o-6', at: at(6) });
    const source = archive([{ messages: [{ ...archived(3), at: at(3) }, { ...archived(4), at: at(4) }], complete: true, first: 'mam-3' }]);
    const page = await loadStoredHistory(store, source, { peer: PEER, before: 'local-5', limit: 5 });
    expect(source.queries).toEqual([{ peer: PEER, before: 'mam-5', max: 5, seen: 'include' }]);
    expect(page).toEqual({ messages: [expect.objectContaining({ id: 'local-3' }), expect.objectContaining({ id: 'local-4' })], complete: true });
    // Stored now: the next load of the same page needs no archive.
    expect((await loadStoredHistory(store, null, { peer: PEER, before: undefined, limit: 3 })).messages.map((m) => m.id)).toEqual(['local-4', 'local-5', 'local-6']);
  });

  it('without an archive (offline, or none on the server), what is stored is all there is', async () => {
    const store = await storeFor();
    store.add({ ...archived(1), archiveId: null, originId: 'o-1', at: at(1) });
    expect(await loadStoredHistory(store, null, { peer: PEER, before: undefined, limit: 3 })).toEqual({
      messages: [expect.objectContaining({ id: 'local-1' })],
      complete: true,
    });
  });
});
