import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { sameConversation, type ConversationRef } from './conversation-key.js';

/** One conversation in the window's single list: which account it belongs to, its newest message, unread count. */
export interface ConversationEntry extends ConversationSummary {
  readonly accountId: AccountId;
}

export interface ConversationsState {
  /** Accounts whose list could not be loaded, with the reason. */
  readonly failures: ReadonlyMap<AccountId, string>;
  /** Newest first, across all accounts. */
  readonly list: readonly ConversationEntry[];
  /** Accounts whose list has been answered (loaded or failed) at least once. */
  readonly answered: ReadonlySet<AccountId>;
}

export type ConversationsAction =
  | { readonly type: 'loaded'; readonly accountId: AccountId; readonly list: readonly ConversationSummary[] }
  | { readonly type: 'failed'; readonly accountId: AccountId; readonly message: string }
  /** Accounts that are gone (removed): their conversations leave the list. */
  | { readonly type: 'accounts'; readonly accountIds: readonly AccountId[] }
  | { readonly type: 'messages'; readonly messages: readonly ChatMessage[]; readonly open: ConversationRef | null }
  | { readonly type: 'read'; readonly conversation: ConversationRef }
  // issue 14: read markers. Read on another of our devices: what is left unread here.
  | { readonly type: 'unread'; readonly conversation: ConversationRef; readonly unread: number }
  // issue 14: message changes: a message corrected or removed; when it is a conversation's newest, the list shows it so.
  | { readonly type: 'changed'; readonly message: ChatMessage };

export const initialConversations: ConversationsState = { failures: new Map(), list: [], answered: new Set() };

function time(entry: ConversationSummary): number {
  return entry.lastMessage ? Date.parse(entry.lastMessage.at) || 0 : 0;
}

const newestFirst = (a: ConversationEntry, b: ConversationEntry) => time(b) - time(a);

/**
 * The conversation the message belongs to, updated, moved to where its newest message puts it: the list is
 * kept newest first, so that is nearly always the top, found without sorting the whole list again.
 */
function withMessage(list: readonly ConversationEntry[], message: ChatMessage, open: ConversationRef | null): ConversationEntry[] {
  const at = list.findIndex((c) => c.accountId === message.accountId && c.peer === message.peer);
  const existing = at >= 0 ? list[at] : undefined;
  const isOpen = sameConversation(open, message);
  const unreadInc = message.direction === 'in' && !message.carbon && !isOpen ? 1 : 0;
  const updated: ConversationEntry = {
    accountId: message.accountId,
    peer: message.peer,
    lastMessage: existing?.lastMessage && time(existing) > (Date.parse(message.at) || 0) ? existing.lastMessage : message,
    unread: (existing?.unread ?? 0) + unreadInc,
  };
  const rest = at >= 0 ? [...list.slice(0, at), ...list.slice(at + 1)] : [...list];
  const t = time(updated);
  let to = 0;
  while (to < rest.length && time(rest[to] as ConversationEntry) > t) to++;
  rest.splice(to, 0, updated);
  return rest;
}

/** The newest message moves its conversation to the top; unread counts only what arrived while it was not open. */
export function conversationsReducer(state: ConversationsState, action: ConversationsAction): ConversationsState {
  switch (action.type) {
    case 'loaded': {
      const others = state.list.filter((c) => c.accountId !== action.accountId);
      const failures = new Map(state.failures);
      failures.delete(action.accountId);
      const mine = action.list.map((c) => ({ ...c, accountId: action.accountId }));
      return { failures, list: [...others, ...mine].sort(newestFirst), answered: new Set(state.answered).add(action.accountId) };
    }
    case 'failed':
      return { ...state, failures: new Map(state.failures).set(action.accountId, action.message), answered: new Set(state.answered).add(action.accountId) };
    case 'accounts': {
      const keep = new Set(action.accountIds);
      if (state.list.every((c) => keep.has(c.accountId)) && [...state.failures.keys()].every((id) => keep.has(id))) return state;
      return {
        answered: new Set([...state.answered].filter((id) => keep.has(id))),
        failures: new Map([...state.failures].filter(([id]) => keep.has(id))),
        list: state.list.filter((c) => keep.has(c.accountId)),
      };
    }
    case 'messages': {
      let list = state.list;
      for (const message of action.messages) list = withMessage(list, message, action.open);
      return { ...state, list };
    }
    case 'read':
      return { ...state, list: state.list.map((c) => (sameConversation(c, action.conversation) && c.unread > 0 ? { ...c, unread: 0 } : c)) };
    // issue 14: read markers
    case 'unread':
      return { ...state, list: state.list.map((c) => (sameConversation(c, action.conversation) && c.unread > action.unread ? { ...c, unread: action.unread } : c)) };
    // issue 14: message changes
    case 'changed': {
      const { message } = action;
      if (!state.list.some((c) => c.accountId === message.accountId && c.lastMessage?.id === message.id)) return state;
      return { ...state, list: state.list.map((c) => (c.accountId === message.accountId && c.lastMessage?.id === message.id ? { ...c, lastMessage: message } : c)) };
    }
  }
}
