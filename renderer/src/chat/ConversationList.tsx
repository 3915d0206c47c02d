import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { formatTime } from '../common/format-time.js';

interface ConversationListProps {
  readonly conversations: readonly ConversationSummary[];
  readonly open: string | null;
  readonly onOpen: (peer: string) => void;
}

const PREVIEW = 80;

/** Conversations, newest first, with a preview and the unread count. */
export function ConversationList({ conversations, open, onOpen }: ConversationListProps) {
  if (conversations.length === 0) return <p className="note">No conversations yet. Start one from your contacts.</p>;
  return (
    <ul className="conversation-list" data-testid="conversation-list">
      {conversations.map((c) => {
        const preview = c.lastMessage ? c.lastMessage.body.slice(0, PREVIEW) : '';
        return (
          <li key={c.peer}>
            <button
              type="button"
              className={`conversation${c.peer === open ? ' is-selected' : ''}`}
              aria-current={c.peer === open ? 'true' : undefined}
              onClick={() => onOpen(c.peer)}
              data-testid="conversation"
            >
              <span className="conversation__head">
                <bdi className="conversation__peer">{c.peer}</bdi>
                {c.lastMessage ? <span className="note">{formatTime(c.lastMessage.at)}</span> : null}
              </span>
              <span className="conversation__preview">
                <bdi>{preview}</bdi>
              </span>
              {c.unread > 0 ? (
                <span className="unread" data-testid="unread-count" aria-label={`${c.unread} unread`}>
                  {c.unread}
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
