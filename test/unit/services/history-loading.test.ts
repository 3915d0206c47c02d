/**
 * Loading one history page from the archive: enough archive pages to fill it (bounded), a message archived
 * twice shown once, and no paging past an empty page. The archive is given as the pages a server would
 * return; the mapping onto known messages is the real conversation store.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createConversationStore } from '../../../main/services/conversation-store.js';
import { loadHistory, MAX_ARCHIVE_ROUNDS } from '../../../main/services/history-loading.js';
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

const adoptInto = () => {
  const store = createConversationStore();
  return (m: ChatMessage) => store.adopt(PEER, m);
};

describe('loadHistory', () => {
  it('reads older pages until the page is full, oldest message first', async () => {
    const source = archive([
      { messages: [archived(9), archived(10)], complete: false, first: 'mam-8' },
      { messages: [archived(7)], complete: false, first: 'mam-5' },
    ]);
    const page = await loadHistory(source, adoptInto(), { peer: PEER, before: undefined, limit: 3 });
    expect(page.messages.map((m) => m.id)).toEqual(['local-7', 'local-9', 'local-10']);
    expect(page.complete).toBe(false);
    expect(source.queries).toEqual([
      { peer: PEER, before: null, max: 3, seen: 'include' },
      { peer: PEER, before: 'mam-8', max: 1, seen: 'include' },
    ]);
  });

  it('shows a message the server archived twice once', async () => {
    const source = archive([{ messages: [archived(1, 'same'), { ...archived(2, 'same'), id: 'local-2' }], complete: true, first: 'mam-1' }]);
    const page = await loadHistory(source, adoptInto(), { peer: PEER, before: 'mam-9', limit: 5 });
    expect(page).toEqual({ messages: [expect.objectContaining({ id: 'local-1' })], complete: true });
  });

  it('stops at an empty page, whatever the server says about completeness', async () => {
    const source = archive([{ messages: [], complete: false, first: null }]);
    const page = await loadHistory(source, adoptInto(), { peer: PEER, before: undefined, limit: 5 });
    expect(page).toEqual({ messages: [], complete: false });
    expect(source.queries).toHaveLength(1);
  });

  it(`reads at most ${MAX_ARCHIVE_ROUNDS} archive pages for one load`, async () => {
    // Pages of receipts and chat states: nothing to show, always more to read.
    const source = archive(Array.from({ length: 20 }, (_, i) => ({ messages: [], complete: false, first: `mam-${100 - i}` })));
    const page = await loadHistory(source, adoptInto(), { peer: PEER, before: undefined, limit: 5 });
    expect(page.messages).toEqual([]);
    expect(source.queries).toHaveLength(MAX_ARCHIVE_ROUNDS);
  });
});
