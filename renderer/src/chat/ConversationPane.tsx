import { useApi } from '../ApiContext.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { TypingIndicator } from './TypingIndicator.js';
import { useConversation } from './use-conversation.js';

/** One open conversation. Its owner keys it by account and peer so every conversation starts fresh. */
export function ConversationPane({ accountId, peer }: { readonly accountId: string; readonly peer: string }) {
  const api = useApi();
  const conversation = useConversation(api, accountId, peer);
  return (
    <section className="conversation-pane" aria-label={`Conversation with ${peer}`} data-testid="conversation-pane">
      <h2 className="conversation-pane__title">
        <bdi>{peer}</bdi>
      </h2>
      {conversation.error ? (
        <p role="alert" className="error-text">
          {conversation.error}
        </p>
      ) : null}
      <MessageList
        messages={conversation.messages}
        complete={conversation.complete}
        loading={conversation.loading}
        onReachTop={conversation.loadOlder}
      />
      <TypingIndicator peer={peer} state={conversation.peerState} />
      <Composer accountId={accountId} peer={peer} onSend={conversation.send} />
    </section>
  );
}
