import { memo } from 'react';
import type { ChatMessage, MessageState } from '../../../app/domain/chat.js';
import { formatDateTime, formatTime } from '../common/format-time.js';
import { MessageText } from './MessageText.js';

const STATE_TEXT: Record<MessageState, string | null> = {
  queued: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Not delivered',
  received: null,
};

/** One message: body, time, and for our own messages the delivery state. */
export const MessageItem = memo(function MessageItem({ message }: { readonly message: ChatMessage }) {
  const state = message.direction === 'out' ? STATE_TEXT[message.state] : null;
  return (
    <article
      className={`message message--${message.direction}${message.state === 'failed' ? ' message--failed' : ''}`}
      data-testid="message"
      data-state={message.state}
      aria-label={message.direction === 'out' ? 'You wrote' : `${message.peer} wrote`}
    >
      <MessageText body={message.body} />
      <footer className="message__meta">
        <time dateTime={message.at} title={formatDateTime(message.at)}>
          {formatTime(message.at)}
        </time>
        {message.carbon ? <span className="note"> · from another device</span> : null}
        {state ? (
          <span className="message__state" data-testid="message-state">
            {' · '}
            {state}
            {message.state === 'failed' && message.error ? `: ${message.error}` : ''}
          </span>
        ) : null}
      </footer>
    </article>
  );
});
