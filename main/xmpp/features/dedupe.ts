/**
 * Recognises a message we already have, per conversation, by its XEP-0359 origin-id, by the archive id our
 * server gave it, or (only when it has neither) by its stanza id together with its text. Keys are scoped to
 * the peer, so a sender who reuses ids, or forges another's, can only hide their own messages.
 *
 * The plain stanza id is paired with the body because many clients number their stanzas per session
 * ("1", "2"...): two different messages with the same id must both be shown, while a true resend (same id,
 * same text) is recognised.
 */
import { createHash } from 'node:crypto';

export interface MessageKeys {
  readonly originId: string | null;
  readonly archiveId: string | null;
  readonly stanzaId: string | null;
  readonly body: string;
}

export interface MessageDedupe {
  /** Whether any key of this message was seen before in this conversation. */
  has(peer: string, keys: MessageKeys): boolean;
  /** Records the message's keys; answers whether it had been seen already (then it is a duplicate). */
  remember(peer: string, keys: MessageKeys): boolean;
}

/** Bounded so a flood cannot grow memory forever; the oldest keys are forgotten first. */
export const DEFAULT_DEDUPE_CAPACITY = 20_000;

/**
 * The keys one message is known by in one conversation (see the module comment). Exported for callers that
 * keep their own index of messages by the same rules (the account's chat maps archived copies to the
 * messages it already holds).
 */
export function keysOf(peer: string, keys: MessageKeys): string[] {
  const found: string[] = [];
  // JSON arrays keep the parts apart whatever characters the ids contain.
  if (keys.originId !== null) found.push(JSON.stringify([peer, 'origin', keys.originId]));
  if (keys.archiveId !== null) found.push(JSON.stringify([peer, 'archive', keys.archiveId]));
  if (found.length === 0 && keys.stanzaId !== null) {
    const digest = createHash('sha256').update(keys.body).digest('base64');
    found.push(JSON.stringify([peer, 'id', keys.stanzaId, digest]));
  }
  return found;
}

/** The key a message with this origin-id is known by in the conversation with `peer`. */
export function originKeyOf(peer: string, originId: string): string {
  return keysOf(peer, { originId, archiveId: null, stanzaId: null, body: '' })[0] as string;
}

/**
 * What another message (a read marker, a change) names a message of the conversation with `peer` by: the id as
 * sent, and the key the message is stored under if that id is its origin-id (the store's named-message.ts).
 */
export function namedIdOf(peer: string, id: string): { readonly id: string; readonly originKey: string } {
  return { id, originKey: originKeyOf(peer, id) };
}

export function createDedupe(capacity = DEFAULT_DEDUPE_CAPACITY): MessageDedupe {
  // A Set iterates in insertion order, which makes "forget the oldest" cheap.
  const seen = new Set<string>();
  const has = (peer: string, keys: MessageKeys): boolean => keysOf(peer, keys).some((key) => seen.has(key));
  return {
    has,
    remember(peer, keys) {
      const duplicate = has(peer, keys);
      for (const key of keysOf(peer, keys)) {
        seen.delete(key);
        seen.add(key);
      }
      while (seen.size > capacity) {
        const oldest = seen.values().next();
        if (oldest.done) break;
        seen.delete(oldest.value);
      }
      return duplicate;
    },
  };
}
