/**
 * One account's conversations as the window sees them: live and sent messages in the order they came, the
 * unread count, and the archived messages mapped onto the ones already handed out, so one message keeps one
 * local id however it reached us (live, sent from here, or loaded from the archive). Pure data in memory: the
 * caller tells the window what changed.
 */
import type { ChatMessage } from '../../app/domain/chat.js';
import type { ConversationSummary } from '../../app/ipc/contract.js';
import { setBounded } from '../xmpp/features/bounded.js';
import { keysOf } from '../xmpp/features/dedupe.js';

export interface ConversationLimits {
  /** Live and sent messages kept per conversation; older ones come back from the server archive (MAM). */
  readonly messages: number;
  /** Archived messages handed out per conversation. */
  readonly archived: number;
  /** Keys that find any message handed out, per conversation. */
  readonly keys: number;
}

const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = { messages: 2_000, archived: 2_000, keys: 10_000 };

export interface ConversationStore {
  /** A live or sent message joins its conversation; an incoming one counts as unread. */
  add(message: ChatMessage): void;
  /**
   * A message's delivery state changed. Returns the message as it now is, or null when it is not kept here
   * or the change would move it backwards (a late "sent" must not undo "delivered").
   */
  update(id: string, state: ChatMessage['state'], error: string | null): ChatMessage | null;
  /**
   * An archived message of the conversation with `peer` as the window should see it: the message already
   * handed out (same local id and state, now with its archive id) when it arrived live, was sent from here
   * or was loaded before; otherwise the archived message itself, remembered so the next load gives it the
   * same id.
   */
  adopt(peer: string, archived: ChatMessage): ChatMessage;
  /** Our messages the server took but the contact has not confirmed yet (their receipts may still come). */
  awaitingReceipt(): ChatMessage[];
  summaries(): ConversationSummary[];
  markRead(peer: string): void;
}

interface Conversation {
  /** Live and sent messages, in the order they came. */
  messages: ChatMessage[];
  unread: number;
  /** Messages that only came from the archive, by local id, so the same archived message keeps its id. */
  archived: Map<string, ChatMessage>;
  /** Dedupe key (dedupe.ts keysOf) → local id of every message handed out, live, sent or archived. */
  index: Map<string, string>;
}

export function createConversationStore(limits: ConversationLimits = DEFAULT_CONVERSATION_LIMITS): ConversationStore {
  const conversations = new Map<string, Conversation>();

  const conversation = (peer: string): Conversation => {
    let c = conversations.get(peer);
    if (!c) {
      c = { messages: [], unread: 0, archived: new Map(), index: new Map() };
      conversations.set(peer, c);
    }
    return c;
  };

  const keysOfMessage = (message: ChatMessage) =>
    keysOf(message.peer, { originId: message.originId, archiveId: message.archiveId, stanzaId: message.stanzaId, body: message.body });

  const index = (c: Conversation, message: ChatMessage) => {
    for (const key of keysOfMessage(message)) setBounded(c.index, key, message.id, limits.keys);
  };

  return {
    add: (message) => {
      const c = conversation(message.peer);
      c.messages.push(message);
      index(c, message);
      if (c.messages.length > limits.messages) c.messages.splice(0, c.messages.length - limits.messages);
      if (message.direction === 'in') c.unread += 1;
    },
    update: (id, state, error) => {
      for (const c of conversations.values()) {
        const i = c.messages.findIndex((m) => m.id === id);
        const found = c.messages[i];
        if (!found) continue;
        if (found.state === 'delivered' && state === 'sent') return null;
        const updated = { ...found, state, error };
        c.messages[i] = updated;
        return updated;
      }
      return null;
    },
    adopt: (peer, archived) => {
      const c = conversation(peer);
      for (const key of keysOfMessage(archived)) {
        const id = c.index.get(key);
        if (id === undefined) continue;
        const live = c.messages.findIndex((m) => m.id === id);
        const known = c.messages[live] ?? c.archived.get(id);
        if (known === undefined) continue; // forgotten (bounded): treat as new
        const merged = known.archiveId === null && archived.archiveId !== null ? { ...known, archiveId: archived.archiveId } : known;
        if (live !== -1) c.messages[live] = merged;
        else c.archived.set(id, merged);
        index(c, merged);
        return merged;
      }
      setBounded(c.archived, archived.id, archived, limits.archived);
      index(c, archived);
      return archived;
    },
    awaitingReceipt: () => [...conversations.values()].flatMap((c) => c.messages.filter((m) => m.direction === 'out' && m.state === 'sent')),
    summaries: () => [...conversations.entries()].map(([peer, c]) => ({ peer, lastMessage: c.messages.at(-1) ?? null, unread: c.unread })),
    markRead: (peer) => {
      const c = conversations.get(peer);
      if (c) c.unread = 0;
    },
  };
}
