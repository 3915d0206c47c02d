import { memo, useCallback, useMemo } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { Avatar } from '../common/Avatar.js';
import { formatListTime } from '../common/format-time.js';
import { VirtualList } from '../common/VirtualList.js';
import type { NameOf } from '../contacts/contact-names.js';
import { conversationKey, sameConversation, type ConversationRef } from './conversation-key.js';
import type { ConversationEntry } from './conversations-reducer.js';

interface ConversationListProps {
  readonly conversations: readonly ConversationEntry[];
  readonly open: ConversationRef | null;
  readonly onOpen: (conversation: ConversationRef) => void;
  readonly nameOf: NameOf;
  /** The account's label, shown on each row when the window has more than one account; null otherwise. */
  readonly accountLabel: ((accountId: AccountId) => string) | null;
  readonly now: number;
}

const PREVIEW = 80;
/**
 * A row's height (px): every row holds the same lines (name and time, preview, and the account when there are
 * several), each one line high, so the list lays them out without measuring them (VirtualList's exact heights).
 */
const ROW = 58;
const ROW_WITH_ACCOUNT = 78;
const rowKey = (c: ConversationEntry) => conversationKey(c);


/** Every account's conversations, newest first: name, preview, time, unread; virtualised, there may be thousands. */
export function ConversationList({ conversations, open, onOpen, nameOf, accountLabel, now }: ConversationListProps) {
  const renderRow = useCallback(
    (c: ConversationEntry) => (
      <ConversationRow
        entry={c}
        name={nameOf(c.accountId, c.peer)}
        account={accountLabel ? accountLabel(c.accountId) : null}
        selected={sameConversation(c, open)}
        onOpen={onOpen}
        now={now}
      />
    ),
    [open, onOpen, nameOf, accountLabel, now],
  );
  const height = useMemo(() => ({ exact: () => (accountLabel ? ROW_WITH_ACCOUNT : ROW) }), [accountLabel]);
  return <VirtualList rows={conversations} rowKey={rowKey} height={height} renderRow={renderRow} label="Conversations" className="conversation-list" testId="conversation-list" />;
}

interface ConversationRowProps {
  readonly entry: ConversationEntry;
  readonly name: string;
  readonly account: string | null;
  readonly selected: boolean;
  readonly onOpen: (conversation: ConversationRef) => void;
  readonly now: number;
}

/** Memoised: a message re-renders the row of its conversation, not every row. */
const ConversationRow = memo(function ConversationRow({ entry: c, name, account, selected, onOpen, now }: ConversationRowProps) {
  const last = c.lastMessage;
  const preview = last ? `${last.direction === 'out' ? 'You: ' : ''}${last.body.slice(0, PREVIEW)}` : '';
  return (
    <button
      type="button"
      className={`conversation${selected ? ' is-selected' : ''}${c.unread > 0 ? ' has-unread' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen({ accountId: c.accountId, peer: c.peer })}
      data-testid="conversation"
      data-peer={c.peer}
      data-account-id={c.accountId}
      title={c.peer}
    >
      <Avatar name={name} address={c.peer} />
      <span className="conversation__text">
        <span className="conversation__head">
          <bdi className="conversation__name">{name}</bdi>
          {last ? (
            <time className="conversation__time" dateTime={last.at}>
              {formatListTime(last.at, now)}
            </time>
          ) : null}
        </span>
        <span className="conversation__line">
          <bdi className="conversation__preview">{preview}</bdi>
          {c.unread > 0 ? (
            <span className="unread" data-testid="unread-count" aria-label={`${c.unread} unread`}>
              {c.unread}
            </span>
          ) : null}
        </span>
        {account ? (
          <bdi className="conversation__account" data-testid="conversation-account">
            {account}
          </bdi>
        ) : null}
      </span>
    </button>
  );
});
