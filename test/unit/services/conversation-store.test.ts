/**
 * The account's conversations over the message database: one message keeps one local id however it reached
 * us (live, sent, or from the archive) and across restarts, delivery states never move backwards, unread
 * counts only incoming messages, and a full disk does not stop the chat.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createConversationStore } from '../../../main/services/conversation-store.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { endOfTurn } from '../store/messages/message-fixture.js';
import { useTempDirs } from '../store/temp-dir.js';

const ROMEO = 'romeo@example.net';
const tempDir = useTempDirs();

function message(overrides: Partial<ChatMessage> & Pick<ChatMessage, 'id'>): ChatMessage {
  return {
    accountId: 'acc',
    peer: ROMEO,
    direction: 'in',
    body: `hello ${overrides.id}`,
    at: '2024-05-01T12:00:00.000Z',
    state: 'received',
    stanzaId: null,
    originId: `origin-${overrides.id}`,
    archiveId: null,
    carbon: false,
    error: null,
    ...overrides,
  };
}

async function open(maxPages?: number) {
  const file = path.join(await tempDir(), 'messages.sqlite');
  const problems: string[] = [];
  const db = openMessageDb({ file, now: () => new Date('2024-05-02T00:00:00.000Z'), report: (p) => problems.push(p.kind), ...(maxPages ? { maxPages } : {}) });
  return { db, store: createConversationStore(db, 'acc'), problems, reopen: () => createConversationStore(openMessageDb({ file, now: () => new Date(), report: () => undefined }), 'acc') };
}

describe('live and sent messages', () => {
  it('counts incoming messages (not carbons) as unread until read, and shows the last message', async () => {
    const { store } = await open();
    store.add(message({ id: 'in-1' }));
    store.add(message({ id: 'out-1', direction: 'out', state: 'queued', at: '2024-05-01T12:00:01.000Z' }));
    store.add(message({ id: 'in-carbon', carbon: true, at: '2024-05-01T12:00:02.000Z' }));
    store.add(message({ id: 'in-2', at: '2024-05-01T12:00:03.000Z' }));
    expect(store.summaries()).toEqual([{ peer: ROMEO, lastMessage: expect.objectContaining({ id: 'in-2' }), unread: 2 }]);
    store.markRead(ROMEO);
    expect(store.summaries()[0]?.unread).toBe(0);
  });

  it('answers null for a message stored already, so it is not shown twice', async () => {
    const { store } = await open();
    expect(store.add(message({ id: 'live', originId: 'o-1' }))?.id).toBe('live');
    expect(store.add(message({ id: 'again-after-restart', originId: 'o-1' }))).toBeNull();
  });

  it('updates a delivery state, never from delivered back to sent', async () => {
    const { store } = await open();
    store.add(message({ id: 'out-1', direction: 'out', state: 'queued' }));
    expect(store.update('out-1', 'delivered', null)).toMatchObject({ id: 'out-1', state: 'delivered' });
    expect(store.update('out-1', 'sent', null)).toBeNull();
    expect(store.summaries()[0]?.lastMessage?.state).toBe('delivered');
    expect(store.update('unknown', 'sent', null)).toBeNull();
  });

  it('keeps the queue and the receipts still to come across a restart', async () => {
    const { store, reopen } = await open();
    store.add(message({ id: 'a', direction: 'out', state: 'sent' }));
    store.add(message({ id: 'b', direction: 'out', state: 'delivered' }));
    store.add(message({ id: 'c', peer: 'juliet@example.org', direction: 'out', state: 'sent' }));
    store.add(message({ id: 'q', direction: 'out', state: 'queued' }));
    store.add(message({ id: 'd', state: 'received' }));
    const again = reopen();
    expect(again.awaitingReceipt().map((m) => m.id)).toEqual(['a', 'c']);
    expect(again.queued().map((m) => m.id)).toEqual(['q']);
  });

  it('a full disk: the message is still shown (not saved), and what is stored stays', async () => {
    const { store, problems } = await open(40);
    store.add(message({ id: 'kept' }));
    // Committed with its turn (the group commit); the flood comes in a later one.
    await endOfTurn();
    const big = 'x'.repeat(4_000);
    const shown: (ChatMessage | null)[] = [];
    for (let i = 0; i < 100; i += 1) shown.push(store.add(message({ id: `big-${i}`, body: `${big} ${i}` })));
    expect(shown.every((m) => m !== null)).toBe(true);
    expect(problems).toEqual(['disk-full']);
    expect(store.history(ROMEO, null, 500).messages[0]?.id).toBe('kept');
  });
});

describe('archived messages', () => {
  it('maps an archived copy onto the live message (same local id), adding its archive id', async () => {
    const { store } = await open();
    store.add(message({ id: 'live-1', originId: 'o-1' }));
    expect(store.adopt(message({ id: 'archive-x', originId: 'o-1', archiveId: 'mam-1' }))).toMatchObject({ id: 'live-1', archiveId: 'mam-1' });
    // Found again by its archive id alone.
    expect(store.adopt(message({ id: 'archive-y', originId: null, archiveId: 'mam-1' })).id).toBe('live-1');
    expect(store.oldestArchiveId(ROMEO)).toBe('mam-1');
  });

  it('keeps the state of a message sent from here', async () => {
    const { store } = await open();
    store.add(message({ id: 'out-1', direction: 'out', state: 'delivered', originId: 'o-2' }));
    expect(store.adopt(message({ id: 'archive-x', direction: 'out', state: 'sent', originId: 'o-2', archiveId: 'mam-2' }))).toMatchObject({
      id: 'out-1',
      state: 'delivered',
    });
  });

  it('gives a message that only came from the archive the same id on the next load, without counting it unread', async () => {
    const { store } = await open();
    const first = store.adopt(message({ id: 'archive-1', originId: null, archiveId: 'mam-3' }));
    const again = store.adopt(message({ id: 'archive-2', originId: null, archiveId: 'mam-3' }));
    expect(first.id).toBe('archive-1');
    expect(again.id).toBe('archive-1');
    expect(store.summaries()).toEqual([{ peer: ROMEO, lastMessage: expect.objectContaining({ id: 'archive-1' }), unread: 0 }]);
  });

  it('does not match across conversations', async () => {
    const { store } = await open();
    store.add(message({ id: 'live-1', originId: 'shared' }));
    const other = store.adopt(message({ id: 'archive-1', peer: 'juliet@example.org', originId: 'shared' }));
    expect(other.id).toBe('archive-1');
  });
});
