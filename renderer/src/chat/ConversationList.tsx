import { memo, useCallback, useMemo } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { fileNameOf } from '../../../app/domain/files.js'; // issue 14: files
import { Avatar } from '../common/Avatar.js';
// issue 14: avatars
import { useAvatarPicture } from '../common/avatar-pictures.js';
import { formatListTime } from '../common/format-time.js';
import { VirtualList } from '../common/VirtualList.js';
import type { NameOf } from '../contacts/contact-names.js';
import { sameRoom, type RoomRef } from '../rooms/room-ref.js';
import { RoomRow } from '../rooms/RoomRows.js';
import type { RoomEntry } from '../rooms/rooms-reducer.js';
import { sameConversation, type ConversationRef } from './conversation-key.js';
import type { ConversationEntry } from './conversations-reducer.js';
import { UNDECRYPTABLE_PREVIEW } from './encryption-text.js'; // issue 15: OMEMO
import { mergeByActivity, sidebarRowKey, type SidebarRow } from './sidebar-rows.js';

interface ConversationListProps {
  readonly conversations: readonly ConversationEntry[];
  readonly open: ConversationRef | null;
  readonly onOpen: (conversation: ConversationRef) => void;
  readonly nameOf: NameOf;
  /** The account's label, shown on each row when the window has more than one account; null otherwise. */
  readonly accountLabel: ((accountId: AccountId) => string) | null;
  readonly now: number;
  /** The joined rooms of every account, among the chats by last activity (they come after the first screen). */
  readonly rooms?: readonly RoomEntry[];
  readonly openRoom?: RoomRef | null;
  readonly onOpenRoom?: (room: RoomRef) => void;
}

const NO_ROOMS: readonly RoomEntry[] = [];
const PREVIEW = 80;
/**
 * A row's height (px): every row holds the same lines (name and time, preview, and the account when there are
 * several), each one line high, so the list lays them out without measuring them (VirtualList's exact heights).
 */
const ROW = 58;
const ROW_WITH_ACCOUNT = 78;

/**
 * Every account's conversations, chats and rooms in one list, newest activity first: name, preview, time,
 * unread; virtualised, there may be thousands. Rows are keyed by what they show, so rooms arriving later move
 * no selection.
 */
export function ConversationList({ conversations, open, onOpen, nameOf, accountLabel, now, rooms = NO_ROOMS, openRoom = null, onOpenRoom }: ConversationListProps) {
  const rows = useMemo(() => mergeByActivity(conversations, onOpenRoom ? rooms : NO_ROOMS), [conversations, rooms, onOpenRoom]);
  const renderRow = useCallback(
    (row: SidebarRow) => {
      const accountId = row.kind === 'room' ? row.entry.summary.accountId : row.entry.accountId;
      const account = accountLabel ? accountLabel(accountId) : null;
      if (row.kind === 'room') {
        return onOpenRoom ? <RoomRow entry={row.entry} selected={sameRoom(openRoom, row.entry.summary)} onOpen={onOpenRoom} account={account} now={now} /> : null;
      }
      const c = row.entry;
      return <ConversationRow entry={c} name={nameOf(c.accountId, c.peer)} account={account} selected={sameConversation(c, open)} onOpen={onOpen} now={now} />;
    },
    [open, onOpen, openRoom, onOpenRoom, nameOf, accountLabel, now],
  );
  const height = useMemo(() => ({ exact: () => (accountLabel ? ROW_WITH_ACCOUNT : ROW) }), [accountLabel]);
  return <VirtualList rows={rows} rowKey={sidebarRowKey} height={height} renderRow={renderRow} label="Conversations" className="conversation-list" testId="conversation-list" />;
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
  // issue 14: a removed message says so (its text is gone); a shared file is named, not shown as its link.
  // issue 15: one that could not be decrypted has no text (its body is empty): the row says what happened.
  const text = last?.changes?.retracted
    ? 'Message removed'
    : last?.encryption?.kind === 'undecryptable'
      ? UNDECRYPTABLE_PREVIEW
      : last?.oobUrl
        ? `Shared a file: ${fileNameOf(last.oobUrl)}`
        : (last?.body ?? '');
  const preview = last ? `${last.direction === 'out' ? 'You: ' : ''}${text.slice(0, PREVIEW)}` : '';
  const picture = useAvatarPicture(c.accountId, c.peer);
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
      <Avatar name={name} address={c.peer} picture={picture} />
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
