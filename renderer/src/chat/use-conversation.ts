import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage, ChatState } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { useFrameBatch } from '../common/frame-batch.js';
import { applyLive, type LiveEvent } from './live-events.js';
import { mergeMessages } from './message-rows.js';

const PAGE_SIZE = 50;

export interface Conversation {
  readonly messages: readonly ChatMessage[];
  /** The archive has nothing older (or we cannot ask it for more). */
  readonly complete: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** The other party's last chat state (XEP-0085), for the typing indicator. */
  readonly peerState: ChatState | null;
  readonly loadOlder: () => void;
  readonly send: (body: string) => Promise<boolean>;
}

/** One conversation: newest history page, older pages on demand, live messages and delivery updates. */
/**
 * `onNewest` hears of the conversation's newest message as this view learns it (the first history page, each
 * message sent from here): the conversation list shows a conversation opened from the contacts, with its
 * history, as soon as it is open, and what the user wrote as its latest.
 */
export function useConversation(api: HostproofApi, accountId: AccountId, peer: string, onNewest?: (message: ChatMessage) => void): Conversation {
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const [complete, setComplete] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [peerState, setPeerState] = useState<ChatState | null>(null);
  // The latest values for callbacks that must not be re-created on every message.
  const latest = useRef({ messages, complete, loading });
  useEffect(() => {
    latest.current = { messages, complete, loading };
  }, [messages, complete, loading]);

  const onNewestRef = useRef(onNewest);
  useEffect(() => {
    onNewestRef.current = onNewest;
  }, [onNewest]);

  // Live messages and delivery updates of one frame become one state update: one merge of the history, one render.
  const push = useFrameBatch<LiveEvent>(useCallback((events: LiveEvent[]) => setMessages((list) => applyLive(list, events)), []));

  useEffect(() => {
    // The owner keys this hook's component by account and peer, so state starts fresh for each conversation.
    let live = true;
    const mine = (m: { accountId: string; peer: string }) => m.accountId === accountId && m.peer === peer;
    const offMessage = api.on('messageReceived', (m) => {
      if (mine(m)) push({ kind: 'message', message: m });
    });
    const offUpdate = api.on('messageUpdated', (u) => {
      if (u.accountId === accountId) push({ kind: 'update', update: u });
    });
    const offState = api.on('chatStateChanged', (s) => mine(s) && setPeerState(s.state));
    void request(() => api.loadHistory({ accountId, peer, limit: PAGE_SIZE })).then((result) => {
      if (!live) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setMessages((list) => mergeMessages(list, result.value.messages, 'older'));
      setComplete(result.value.complete);
      const newest = result.value.messages.at(-1);
      if (newest) onNewestRef.current?.(newest);
    });
    return () => {
      live = false;
      offMessage();
      offUpdate();
      offState();
    };
  }, [api, accountId, peer, push]);

  const loadOlder = useCallback(() => {
    const { messages: list, complete: done, loading: busy } = latest.current;
    if (done || busy) return;
    // Older than the oldest message shown; with none shown, the first page already said all there is.
    const before = list[0]?.id;
    if (before === undefined) {
      setComplete(true);
      return;
    }
    latest.current = { ...latest.current, loading: true };
    setLoading(true);
    void request(() => api.loadHistory({ accountId, peer, before, limit: PAGE_SIZE })).then((result) => {
      setLoading(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setMessages((current) => mergeMessages(current, result.value.messages, 'older'));
      setComplete(result.value.complete || result.value.messages.length === 0);
    });
  }, [api, accountId, peer]);

  const send = useCallback(
    async (body: string) => {
      const result = await request(() => api.sendMessage({ accountId, to: peer, body }));
      if (!result.ok) {
        setError(`Your message was not sent: ${result.message}`);
        return false;
      }
      setError(null);
      setMessages((list) => mergeMessages(list, [result.value]));
      onNewest?.(result.value);
      return true;
    },
    [api, accountId, peer, onNewest],
  );

  return { messages, complete, loading, error, peerState, loadOlder, send };
}
