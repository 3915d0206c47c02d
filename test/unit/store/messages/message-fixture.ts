import type { ChatMessage } from '../../../../app/domain/chat.js';
import { keysOf } from '../../../../main/xmpp/features/dedupe.js';
import type { StoreInput } from '../../../../main/store/messages/message-db.js';

export const ACCOUNT = 'acc-1';
export const OTHER_ACCOUNT = 'acc-2';
export const BOB = 'bob@example.org';

let counter = 0;

/** A message of alice's conversation with bob; each call a new local id unless given. */
export function msg(overrides: Partial<ChatMessage> = {}): ChatMessage {
  counter += 1;
  return {
    id: `m-${counter}`,
    accountId: ACCOUNT,
    peer: BOB,
    direction: 'in',
    body: `message ${counter}`,
    at: new Date(Date.UTC(2026, 10, 1, 12, 0, counter % 60)).toISOString(),
    state: 'received',
    stanzaId: null,
    originId: `origin-${counter}`,
    archiveId: null,
    carbon: false,
    error: null,
    ...overrides,
  };
}

/** What the account's chat passes: the message with its dedupe keys (dedupe.ts). */
export function input(message: ChatMessage, unread = false): StoreInput {
  return {
    message,
    keys: keysOf(message.peer, { originId: message.originId, archiveId: message.archiveId, stanzaId: message.stanzaId, body: message.body }),
    unread,
  };
}

/**
 * The end of the current turn of the event loop: incoming messages stored in it are committed by then (the
 * group commit is deferred with setImmediate, and these run in order). A barrier, not a wait.
 */
export const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
