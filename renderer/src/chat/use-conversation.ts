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
  /**
   * The conversation's newest message is in the list. False while it was opened at a message (a search result)
   * and not yet paged down to the latest: live messages wait until then, so the list has no gap.
   */
  readonly latest: boolean;
  readonly loadingNewer: boolean;
  readonly loadNewer: () => void;
  readonly send: (body: string) => Promise<boolean>;
  // issue 14: message changes: puts the message as it now is in place of the old (same local id).
  readonly replace: (message: ChatMessage) => void;
  /** Adds a message sent from here by another request (a reply, a shared file), as send does. */
  readonly sent: (message: ChatMessage) => void;
}

/**
 * One conversation: newest history page, older pages on demand, live messages and delivery updates. With
 * `focusId` it opens at that message instead (its neighbours from this computer's history) and pages newer
 * on demand until the latest.
 *
 * `onNewest` hears of the conversation's newest message as this view learns it (the first history page, each
 * message sent from here): the conversation list shows a conversation opened from the contacts, with its
 * history, as soon as it is open, and what the user wrote as its latest.
 */
export function useConversation(
  api: HostproofApi,
  accountId: AccountId,
  peer: string,
  onNewest?: (message: ChatMessage) => void,
  focusId: string | null = null,
): Conversation {
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const [complete, setComplete] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [peerState, setPeerState] = useState<ChatState | null>(null);
  const [atLatest, setAtLatest] = useState(focusId === null);
  const [loadingNewer, setLoadingNewer] = useState(false);
  // The latest values for callbacks that must not be re-created on every message.
  const latest = useRef({ messages, complete, loading, atLatest, loadingNewer });
  useEffect(() => {
    latest.current = { messages, complete, loading, atLatest, loadingNewer };
  }, [messages, complete, loading, atLatest, loadingNewer]);
  // Live messages that came while the list does not reach the latest: added when it does.
  const held = useRef<ChatMessage[]>([]);
  // Whether the conversation list was told of the newest message (at once, unless opened at a message).
  const toldNewest = useRef(focusId === null);

  const onNewestRef = useRef(onNewest);
  useEffect(() => {
    onNewestRef.current = onNewest;
  }, [onNewest]);

  // Live messages and delivery updates of one frame become one state update: one merge of the history, one render.
  const apply = useFrameBatch<LiveEvent>(useCallback((events: LiveEvent[]) => setMessages((list) => applyLive(list, events)), []));
  const push = useCallback(
    (event: LiveEvent) => {
      if (event.kind === 'message' && !latest.current.atLatest) held.current.push(event.message);
      else apply(event);
    },
    [apply],
  );

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
    // issue 14: message changes
    const offChange = api.on('messageChanged', (m) => {
      if (mine(m)) replace(m);
    });
    const loadNewest = () =>
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
    if (focusId === null) loadNewest();
    else {
      void request(() => api.loadHistoryAround({ accountId, peer, id: focusId, limit: PAGE_SIZE })).then((result) => {
        if (!live) return;
        if (!result.ok) {
          // The message went (its history was deleted meanwhile): say so, and show the conversation as usual.
          setError(result.message);
          toldNewest.current = true;
          latest.current = { ...latest.current, atLatest: true };
          setAtLatest(true);
          loadNewest();
          return;
        }
        setLoading(false);
        // Older pages come through loadHistory as usual, which also asks the server archive.
        setMessages(result.value.messages);
        if (result.value.latest) reachLatest();
      });
    }
    return () => {
      live = false;
      offMessage();
      offUpdate();
      offState();
      offChange();
    };
    // focusId is fixed for the hook's life: the owner keys the pane by the message it opens at.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, accountId, peer, push]);

  /** The list now ends with the latest message: the live ones held meanwhile join it, and new ones follow. */
  function reachLatest() {
    const waiting = held.current.splice(0);
    latest.current = { ...latest.current, atLatest: true };
    setAtLatest(true);
    setMessages((list) => {
      const shown = new Set(list.map((m) => m.id));
      // The page read from the store is newer than a held copy of the same message (its state may have moved on).
      return mergeMessages(list, waiting.filter((m) => !shown.has(m.id)));
    });
  }

  // Opened at a message: the conversation list hears of the newest message once the list has reached it.
  useEffect(() => {
    const newest = messages.at(-1);
    if (toldNewest.current || !atLatest || !newest) return;
    toldNewest.current = true;
    onNewestRef.current?.(newest);
  }, [atLatest, messages]);
  const reachLatestRef = useRef(reachLatest);
  useEffect(() => {
    reachLatestRef.current = reachLatest;
  });

  const loadNewer = useCallback(() => {
    const { messages: list, atLatest: done, loadingNewer: busy } = latest.current;
    if (done || busy) return;
    const after = list.at(-1)?.id;
    if (after === undefined) return;
    latest.current = { ...latest.current, loadingNewer: true };
    setLoadingNewer(true);
    void request(() => api.loadNewerHistory({ accountId, peer, after, limit: PAGE_SIZE })).then((result) => {
      latest.current = { ...latest.current, loadingNewer: false };
      setLoadingNewer(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setMessages((current) => mergeMessages(current, result.value.messages, 'newer'));
      if (result.value.latest) reachLatestRef.current();
    });
  }, [api, accountId, peer]);

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

  /** Our own message, sent now (text, or a shared file: issue 14), shown at the end. */
  const shown = useCallback(
    (message: ChatMessage) => {
      if (latest.current.atLatest) setMessages((list) => mergeMessages(list, [message]));
      else held.current.push(message);
      onNewest?.(message);
    },
    [onNewest],
  );

  const send = useCallback(
    async (body: string) => {
      const result = await request(() => api.sendMessage({ accountId, to: peer, body }));
      if (!result.ok) {
        setError(`Your message was not sent: ${result.message}`);
        return false;
      }
      setError(null);
      shown(result.value);
      return true;
    },
    [api, accountId, peer, shown],
  );

  // issue 14: message changes
  const replace = useCallback((changed: ChatMessage) => setMessages((list) => list.map((m) => (m.id === changed.id ? changed : m))), []);
  const sent = useCallback(
    (message: ChatMessage) => {
      setError(null);
      shown(message);
    },
    [shown],
  );

  return { messages, complete, loading, error, peerState, loadOlder, latest: atLatest, loadingNewer, loadNewer, send, replace, sent };
}
