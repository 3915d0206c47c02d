/**
 * When we may send a standalone chat state notification (XEP-0085 §5.1, §5.3):
 * - only once the contact has shown support, by sending any chat state; a contact whose latest content
 *   message came without one has shown it does not support them;
 * - never the same standalone state twice in a row (a content message counts as `active`).
 */
import type { ChatState } from '../../../app/domain/chat.js';
import { setBounded } from './bounded.js';

export type ChatStateCheck = 'allowed' | 'not-supported' | 'repeated';

export interface ChatStatePolicy {
  /** A message from `peer`: whether it had a body, and its chat state if any. */
  observeIncoming(peer: string, hasBody: boolean, state: ChatState | null): void;
  /** We sent a content message (which carries `<active/>`). */
  contentSent(peer: string): void;
  check(peer: string, state: ChatState): ChatStateCheck;
  standaloneSent(peer: string, state: ChatState): void;
}

const MAX_PEERS = 5_000;

export function createChatStatePolicy(): ChatStatePolicy {
  const supported = new Map<string, boolean>();
  const lastSent = new Map<string, ChatState>();
  return {
    observeIncoming(peer, hasBody, state) {
      if (state !== null) setBounded(supported, peer, true, MAX_PEERS);
      else if (hasBody) setBounded(supported, peer, false, MAX_PEERS);
    },
    contentSent(peer) {
      setBounded(lastSent, peer, 'active', MAX_PEERS);
    },
    check(peer, state) {
      if (supported.get(peer) !== true) return 'not-supported';
      return lastSent.get(peer) === state ? 'repeated' : 'allowed';
    },
    standaloneSent(peer, state) {
      setBounded(lastSent, peer, state, MAX_PEERS);
    },
  };
}
