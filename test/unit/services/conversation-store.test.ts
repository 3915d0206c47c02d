/**
 * The conversation store: one message keeps one local id however it reached us (live, sent, or from the
 * archive), delivery states never move backwards, unread counts only incoming messages, and the memory it
 * keeps is bounded.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createConversationStore } from '../../../main/services/conversation-store.js';

const ROMEO = 'romeo@example.net';

function message(overrides: Partial<ChatMessage> & Pick<ChatMessage, 'id'>): ChatMessage {
  return {
    accountId: 'acc',
    peer: ROMEO,
    direction: 'in',
    body: 'hello',
    at: '2024-05-01T12:00:00.000Z',
    state: 'received',
    stanzaId: null,
    originId: null,
    archiveId: null,
    carbon: false,
    error: null,
    ...overrides,
  };
}

describe('live and sent messages', () => {
  it('counts incoming messages as unread until read, and shows the last message', () => {
    const store = createConversationStore();
    store.add(message({ id: 'in-1' }));
    store.add(message({ id: 'out-1', direction: 'out', state: 'queued' }));
    store.add(message({ id: 'in-2' }));
    expect(store.summaries()).toEqual([{ peer: ROMEO, lastMessage: expect.objectContaining({ id: 'in-2' }), unread: 2 }]);
    store.markRead(ROMEO);
    expect(store.summaries()[0]?.unread).toBe(0);
  });

  it('updates a delivery state, never from delivered back to sent', () => {
    const store = createConversationStore();
    store.add(message({ id: 'out-1', direction: 'out', state: 'queued' }));
    expect(store.update('out-1', 'delivered', null)).toMatchObject({ id: 'out-1', state: 'delivered' });
    expect(store.update('out-1', 'sent', null)).toBeNull();
    expect(store.summaries()[0]?.lastMessage?.state).toBe('delivered');
    expect(store.update('unknown', 'sent', null)).toBeNull();
  });

  it('lists our messages the server took that still wait for a receipt', () => {
    const store = createConversationStore();
    store.add(message({ id: 'a', direction: 'out', state: 'sent' }));
    store.add(message({ id: 'b', direction: 'out', state: 'delivered' }));
    store.add(message({ id: 'c', peer: 'juliet@example.org', direction: 'out', state: 'sent' }));
    store.add(message({ id: 'd', state: 'received' }));
    expect(store.awaitingReceipt().map((m) => m.id)).toEqual(['a', 'c']);
  });

  it('keeps only the newest messages of a conversation', () => {
    const store = createConversationStore({ messages: 2, archived: 10, keys: 10 });
    for (const id of ['1', '2', '3']) store.add(message({ id }));
    // The oldest is gone: updating it finds nothing.
    expect(store.update('1', 'received', null)).toBeNull();
    expect(store.update('3', 'received', null)).not.toBeNull();
  });
});

describe('archived messages', () => {
  it('maps an archived copy onto the live message (same local id), adding its archive id', () => {
    const store = createConversationStore();
    store.add(message({ id: 'live-1', originId: 'o-1' }));
    const adopted = store.adopt(ROMEO, message({ id: 'archive-x', originId: 'o-1', archiveId: 'mam-1' }));
    expect(adopted).toMatchObject({ id: 'live-1', archiveId: 'mam-1' });
    // Found again by its archive id alone.
    expect(store.adopt(ROMEO, message({ id: 'archive-y', archiveId: 'mam-1' })).id).toBe('live-1');
  });

  it('keeps the state of a message sent from here', () => {
    const store = createConversationStore();
    store.add(message({ id: 'out-1', direction: 'out', state: 'delivered', originId: 'o-2' }));
    expect(store.adopt(ROMEO, message({ id: 'archive-x', direction: 'out', state: 'sent', originId: 'o-2', archiveId: 'mam-2' }))).toMatchObject({
      id: 'out-1',
      state: 'delivered',
    });
  });

  it('gives a message that only came from the archive the same id on the next load', () => {
    const store = createConversationStore();
    const first = store.adopt(ROMEO, message({ id: 'archive-1', archiveId: 'mam-3' }));
    const again = store.adopt(ROMEO, message({ id: 'archive-2', archiveId: 'mam-3' }));
    expect(first.id).toBe('archive-1');
    expect(again.id).toBe('archive-1');
    // Archived messages are history, not news.
    expect(store.summaries()).toEqual([{ peer: ROMEO, lastMessage: null, unread: 0 }]);
  });

  it('does not match across conversations', () => {
    const store = createConversationStore();
    store.add(message({ id: 'live-1', originId: 'shared' }));
    const other = store.adopt('juliet@example.org', message({ id: 'archive-1', peer: 'juliet@example.org', originId: 'shared' }));
    expect(other.id).toBe('archive-1');
  });
});
