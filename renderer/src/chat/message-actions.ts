import { createContext, useContext } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';

/**
 * What a message's menu and its change views can do (issue 14: message changes), given by the conversation
 * pane through context so MessageItem's props stay plain values. Absent (null) in lists without changes.
 */
export interface MessageActions {
  startReply(message: ChatMessage): void;
  startEdit(message: ChatMessage): void;
  retract(message: ChatMessage): void;
  /** Sends our complete set of reactions to the message. */
  react(message: ChatMessage, emojis: readonly string[]): void;
  /** The conversation's message a reply names (its stanza id or origin-id), if it is loaded. */
  findByRef(ref: string): ChatMessage | undefined;
  /** Scrolls to a message of the list (a reply's original) and highlights it. */
  jumpTo(id: string): void;
  /** Our bare JID: which reactions are ours. */
  readonly ownJid: string;
  /** A display name for an address (the contact's name, or "You" for ours). */
  nameOf(jid: string): string;
}

export const MessageActionsContext = createContext<MessageActions | null>(null);

export const useMessageActions = (): MessageActions | null => useContext(MessageActionsContext);
