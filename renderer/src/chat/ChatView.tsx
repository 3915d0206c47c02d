import { useCallback, useEffect, useRef } from 'react';
import { useApi } from '../ApiContext.js';
import { ConversationList } from './ConversationList.js';
import { ConversationPane } from './ConversationPane.js';
import { useConversations } from './use-conversations.js';

interface ChatViewProps {
  readonly accountId: string;
  readonly peer: string | null;
  readonly onOpen: (peer: string) => void;
}

/** Conversations on the left, the open one on the right. */
export function ChatView({ accountId, peer, onOpen }: ChatViewProps) {
  const api = useApi();
  const conversations = useConversations(api, accountId, peer);
  const { markRead } = conversations;
  useEffect(() => {
    if (peer) markRead(peer);
  }, [peer, markRead]);
  // The list's rows are memoised, so they get a callback that keeps its identity while the owner's changes.
  const latestOpen = useRef(onOpen);
  useEffect(() => {
    latestOpen.current = onOpen;
  }, [onOpen]);
  const openPeer = useCallback((p: string) => latestOpen.current(p), []);
  return (
    <div className="chat" data-testid="chat-view">
      <nav className="chat__list" aria-label="Conversations">
        {conversations.status === 'error' ? <p role="alert">Could not load conversations: {conversations.message}</p> : null}
        <ConversationList conversations={conversations.list} open={peer} onOpen={openPeer} />
      </nav>
      {peer ? (
        <ConversationPane key={`${accountId}|${peer}`} accountId={accountId} peer={peer} onSent={conversations.noteSent} />
      ) : (
        <p className="chat__empty note">Choose a conversation, or start one from your contacts.</p>
      )}
    </div>
  );
}
