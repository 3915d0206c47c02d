import { memo, useCallback } from 'react';
import type { ConversationSummary } from '../../../app/ipc/contract.js';
import { formatTime } from '../common/format-time.js';
import { VirtualList } from '../common/VirtualList.js';

interface ConversationListProps {
  readonly conversations: readonly ConversationSummary[];
  readonly open: string | null;
  readonly onOpen: (peer: string) => void;
}

const PREVIEW = 80;
const rowKey = (c: ConversationSummary) => c.peer;
const estimate = () => 64;

/** Conversations, newest first, with a preview and the unread count; virtualised, since there may be thousands. */
export function ConversationList({ conversations, open, onOpen }: ConversationListProps) {
  const renderRow = useCallback((c: ConversationSummary) => <ConversationRow summary={c} selected={c.peer === open} onOpen={onOpen} />, [open, onOpen]);
  if (conversations.length === 0) return <p className="note">No conversations yet. Start one from your contacts.</p>;
  return <VirtualList rows={conversations} rowKey={rowKey} estimate={estimate} renderRow={renderRow} label="Conversations" className="conversation-list" testId="conversation-list" />;
}

interface ConversationRowProps {
  readonly summary: ConversationSummary;
  readonly selected: boolean;
  readonly onOpen: (peer: string) => void;
}

/** Memoised: a message re-renders the row of its conversation, not every row. */
const ConversationRow = memo(function ConversationRow({ summary: c, selected, onOpen }: ConversationRowProps) {
  const preview = c.lastMessage ? c.lastMessage.body.slice(0, PREVIEW) : '';
  return (
    <button
      type="button"
      className={`conversation${selected ? ' is-selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
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
  );
});
