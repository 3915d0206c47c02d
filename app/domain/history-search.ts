/**
 * Searching the history kept on this computer, and reading a conversation around one message (where a search
 * result opens). Every string here came from the network: render it as text only.
 */
import type { ChatMessage } from './chat.js';

/** A piece of a result's context; `match` marks the words that matched (shown highlighted, as text). */
export interface ContextPart {
  readonly text: string;
  readonly match: boolean;
}

export interface SearchHit {
  readonly message: ChatMessage;
  /** A few words around the matches, the matches marked. */
  readonly context: readonly ContextPart[];
}

export interface SearchPage {
  /** Newest first. */
  readonly hits: readonly SearchHit[];
  /** More results follow: ask again with the offset moved on. */
  readonly more: boolean;
}

/** A conversation around one message: some older, the message, some newer, oldest first. */
export interface HistoryAround {
  readonly messages: readonly ChatMessage[];
  /** Nothing older is stored (older pages may still come from the server archive). */
  readonly reachedStart: boolean;
  /** Nothing newer is stored: the page ends with the conversation's latest message. */
  readonly latest: boolean;
}

/** Messages newer than the newest shown, oldest first. */
export interface NewerPage {
  readonly messages: readonly ChatMessage[];
  /** The page ends with the conversation's latest message. */
  readonly latest: boolean;
}
