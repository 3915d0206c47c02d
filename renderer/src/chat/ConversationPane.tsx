import type { ChatMessage } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { TypingIndicator } from './TypingIndicator.js';
import { useConversation } from './use-conversation.js';
import { ErrorText } from '../common/ErrorText.js';

interface ConversationPaneProps {
  readonly accountId: string;
  readonly peer: string;
  /** Told of each message the user sent from here (the conversation list shows it as the latest). */
  readonly onSent?: (message: ChatMessage) => void;
}

/** One open conversation. Its owner keys it by account and peer so every conversation starts fresh. */
export function ConversationPane({ accountId, peer, onSent }: ConversationPaneProps) {
  const api = useApi();
  const conversation = useConversation(api, accountId, peer, onSent);
  return (
    <section className="conversation-pane" aria-label={`Conversation with ${peer}`} data-testid="conversation-pane">
      <h2 className="conversation-pane__title">
        <bdi>{peer}</bdi>
      </h2>
      <ErrorText message={conversation.error} />
      <MessageList
        messages={conversation.messages}
        // The bare address until the pane is given the contact's display name from the roster.
        peerName={peer}
        complete={conversation.complete}
        loading={conversation.loading}
        onReachTop={conversation.loadOlder}
      />
      <TypingIndicator peer={peer} state={conversation.peerState} />
      <Composer accountId={accountId} peer={peer} onSend={conversation.send} />
    </section>
  );
}
