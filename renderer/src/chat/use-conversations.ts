import { useCallback, useEffect, useReducer } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { request } from '../common/ipc.js';

interface State {
  readonly status: 'loading' | 'ready' | 'error';
  readonly message: string | null;
  readonly list: readonly ConversationSummary[];
}

type Action =
  | { readonly type: 'loaded'; readonly list: readonly ConversationSummary[] }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'message'; readonly message: ChatMessage; readonly open: string | null }
  | { readonly type: 'read'; readonly peer: string };

function time(summary: ConversationSummary): number {
  return summary.lastMessage ? Date.parse(summary.lastMessage.at) || 0 : 0;
}

/** The newest message moves its conversation to the top; unread counts only what arrived while closed. */
function conversationsReducer(state: State, action: Action): State {
  switch (action.type) {
    case 'loaded':
      return { status: 'ready', message: null, list: [...action.list].sort((a, b) => time(b) - time(a)) };
    case 'failed':
      return { ...state, status: 'error', message: action.message };
    case 'message': {
      const { message, open } = action;
      const existing = state.list.find((c) => c.peer === message.peer);
      const unreadInc = message.direction === 'in' && !message.carbon && open !== message.peer ? 1 : 0;
      const updated: ConversationSummary = {
        peer: message.peer,
        lastMessage: existing?.lastMessage && time(existing) > (Date.parse(message.at) || 0) ? existing.lastMessage : message,
        unread: (existing?.unread ?? 0) + unreadInc,
      };
      const rest = state.list.filter((c) => c.peer !== message.peer);
      return { ...state, list: [updated, ...rest].sort((a, b) => time(b) - time(a)) };
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
  useEffect(
    () =>
      api.on('messageReceived', (message) => {
        if (message.accountId !== accountId) return;
        dispatch({ type: 'message', message, open });
        if (message.peer === open && message.direction === 'in') void api.markRead({ accountId, peer: open }).catch(() => undefined);
      }),
    [api, accountId, open],
  );
  const markRead = useCallback(
    (peer: string) => {
      dispatch({ type: 'read', peer });
      void request(() => api.markRead({ accountId, peer }));
    },
    [api, accountId],
  );
  // Our own sends come back as the request's answer, not as an event: the list hears of them from the pane.
  const noteSent = useCallback((message: ChatMessage) => dispatch({ type: 'message', message, open }), [open]);
  return { ...state, markRead, noteSent };
}
