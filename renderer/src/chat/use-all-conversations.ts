import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { useFrameBatch } from '../common/frame-batch.js';
import { request } from '../common/ipc.js';
import type { ConversationRef } from './conversation-key.js';
import type { WindowStart } from '../shell/window-start.js';
import { conversationsReducer, initialConversations, type ConversationsState } from './conversations-reducer.js';

/** The lists the window started with, as if each had just been answered. */
function startingWith(start: WindowStart | null): ConversationsState {
  let state = initialConversations;
  for (const [accountId, answer] of start?.lists ?? [])
    state = conversationsReducer(state, answer.ok ? { type: 'loaded', accountId, list: answer.value } : { type: 'failed', accountId, message: answer.message });
  return state;
}

/**
 * Every account's conversations in one list, kept current; the open one is marked read as messages arrive.
 * Each account's list is loaded when the account first appears, and again (`refresh`) when it comes online.
 */
export function useAllConversations(api: HostproofApi, accountIds: readonly AccountId[], open: ConversationRef | null, start: WindowStart | null = null) {
  const [state, dispatch] = useReducer(conversationsReducer, start, startingWith);
  const loaded = useRef(new Set<AccountId>(start?.lists.keys()));
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const load = useCallback(
    (accountId: AccountId) => {
      loaded.current.add(accountId);
      void request(() => api.listConversations({ accountId })).then((result) => {
        if (!live.current || !loaded.current.has(accountId)) return;
        dispatch(result.ok ? { type: 'loaded', accountId, list: result.value } : { type: 'failed', accountId, message: result.message });
      });
    },
    [api],
  );
  // Asked for in the commit that brought the accounts, before the browser paints it: the list is the first
  // thing the window shows, and a passive effect would ask a frame later.
  useLayoutEffect(() => {
    dispatch({ type: 'accounts', accountIds });
    for (const accountId of [...loaded.current]) if (!accountIds.includes(accountId)) loaded.current.delete(accountId);
    for (const accountId of accountIds) if (!loaded.current.has(accountId)) load(accountId);
  }, [accountIds, load]);
  // One frame's messages: one list update, and at most one read marker for the open conversation.
  const push = useFrameBatch<ChatMessage>(
    useCallback(
      (messages: ChatMessage[]) => {
        dispatch({ type: 'messages', messages, open });
        if (open && messages.some((m) => m.accountId === open.accountId && m.peer === open.peer && m.direction === 'in')) {
          void api.markRead({ accountId: open.accountId, peer: open.peer }).catch(() => undefined);
        }
      },
      [api, open],
    ),
  );
  useEffect(() => {
    const off = api.on('messageReceived', push);
    // Messages that came after the window's start was answered (once; later runs of this effect get none).
    for (const e of start?.take(['messageReceived']) ?? []) if (e.event === 'messageReceived') push(e.payload);
    return off;
  }, [api, push, start]);
  // issue 14: read markers. Read on another of our devices: the count here drops with it.
  useEffect(
    () =>
      api.on('readMarkerChanged', (change) => {
        if (change.reader === 'us') dispatch({ type: 'unread', conversation: { accountId: change.accountId, peer: change.peer }, unread: change.unread });
      }),
    [api],
  );
  // issue 14: message changes: a corrected or removed newest message shows so in the list.
  useEffect(() => api.on('messageChanged', (message) => dispatch({ type: 'changed', message })), [api]);
  const markRead = useCallback(
    (conversation: ConversationRef) => {
      dispatch({ type: 'read', conversation });
      void request(() => api.markRead({ accountId: conversation.accountId, peer: conversation.peer }));
    },
    [api],
  );
  // Our own sends come back as the request's answer, not as an event, and a conversation opened from the
  // contacts may not be listed yet: the list hears of both from the open pane.
  const noteNewest = useCallback((message: ChatMessage) => dispatch({ type: 'messages', messages: [message], open }), [open]);
  return { ...state, markRead, noteNewest, refresh: load };
}
