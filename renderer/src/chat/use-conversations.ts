import { useCallback, useEffect, useReducer } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { useFrameBatch } from '../common/frame-batch.js';
import { request } from '../common/ipc.js';

interface State {
  readonly status: 'loading' | 'ready' | 'error';
  readonly message: string | null;
  readonly list: readonly ConversationSummary[];
}

type Action =
  | { readonly type: 'loaded'; readonly list: readonly ConversationSummary[] }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'messages'; readonly messages: readonly ChatMessage[]; readonly open: string | null }
  | { readonly type: 'read'; readonly peer: string };

function time(summary: ConversationSummary): number {
  return summary.lastMessage ? Date.parse(summary.lastMessage.at) || 0 : 0;
}

/**
 * The conversation the message belongs to, updated, moved to where its newest message puts it: the list is
 * kept newest first, so that is nearly always the top, found without sorting the whole list again.
 */
function withMessage(list: readonly ConversationSummary[], message: ChatMessage, open: string | null): ConversationSummary[] {
  const at = list.findIndex((c) => c.peer === message.peer);
  const existing = at >= 0 ? list[at] : undefined;
  const unreadInc = message.direction === 'in' && !message.carbon && open !== message.peer ? 1 : 0;
  const updated: ConversationSummary = {
    peer: message.peer,
    lastMessage: existing?.lastMessage && time(existing) > (Date.parse(message.at) || 0) ? existing.lastMessage : message,
    unread: (existing?.unread ?? 0) + unreadInc,
  };
  const rest = at >= 0 ? [...list.slice(0, at), ...list.slice(at + 1)] : [...list];
  const t = time(updated);
  let to = 0;
  while (to < rest.length && time(rest[to] as ConversationSummary) > t) to++;
  rest.splice(to, 0, updated);
  return rest;
}

/** The newest message moves its conversation to the top; unread counts only what arrived while closed. */
function conversationsReducer(state: State, action: Action): State {
  switch (action.type) {
    case 'loaded':
      return { status: 'ready', message: null, list: [...action.list].sort((a, b) => time(b) - time(a)) };
    case 'failed':
      return { ...state, status: 'error', message: action.message };
    case 'messages': {
      let list = state.list;
      for (const message of action.messages) list = withMessage(list, message, action.open);
      return { ...state, list };
    }
    case 'read':
      return { ...state, list: state.list.map((c) => (c.peer === action.peer ? { ...c, unread: 0 } : c)) };
  }
}

/** The account's conversations, kept current; the open one is marked read as messages arrive. */
export function useConversations(api: HostproofApi, accountId: AccountId, open: string | null) {
  const [state, dispatch] = useReducer(conversationsReducer, { status: 'loading', message: null, list: [] });
  useEffect(() => {
    let live = true;
    void request(() => api.listConversations({ accountId })).then((result) => {
      if (live) dispatch(result.ok ? { type: 'loaded', list: result.value } : { type: 'failed', message: result.message });
    });
    return () => {
      live = false;
    };
  }, [api, accountId]);
  // One frame's messages: one list update, and at most one read marker for the open conversation.
  const push = useFrameBatch<ChatMessage>(
    useCallback(
      (messages: ChatMessage[]) => {
        dispatch({ type: 'messages', messages, open });
        if (open && messages.some((m) => m.peer === open && m.direction === 'in')) void api.markRead({ accountId, peer: open }).catch(() => undefined);
      },
      [api, accountId, open],
    ),
  );
  useEffect(
    () =>
      api.on('messageReceived', (message) => {
        if (message.accountId === accountId) push(message);
      }),
    [api, accountId, push],
  );
  const markRead = useCallback(
    (peer: string) => {
      dispatch({ type: 'read', peer });
      void request(() => api.markRead({ accountId, peer }));
    },
    [api, accountId],
  );
  // Our own sends come back as the request's answer, not as an event: the list hears of them from the pane.
  const noteSent = useCallback((message: ChatMessage) => dispatch({ type: 'messages', messages: [message], open }), [open]);
  return { ...state, markRead, noteSent };
}
