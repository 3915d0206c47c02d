import { memo } from 'react';
import './room-marker.css';
import { formatListTime } from '../common/format-time.js';
import type { RoomRef } from './room-ref.js';
import { lastRoomMessage } from '../chat/sidebar-rows.js';
import { roomName, roomPreview, type RoomEntry } from './rooms-reducer.js';

interface RoomRowProps {
  readonly entry: RoomEntry;
  readonly selected: boolean;
  readonly onOpen: (room: RoomRef) => void;
  readonly account: string | null;
  readonly now: number;
}

/**
 * A joined room's row in the conversation list, among the chats by last activity. It looks like a chat row
 * (name and time, "nick: text", unread) with a "#" marker and the word "Room" for screen readers instead of an
 * avatar, and an "@" beside the unread count when some of the unread messages mention you.
 */
export const RoomRow = memo(function RoomRow({ entry, selected, onOpen, account, now }: RoomRowProps) {
  const { accountId, room } = entry.summary;
  const last = lastRoomMessage(entry);
  const mentions = entry.mentions ?? 0;
  return (
    <button
      type="button"
      className={`conversation conversation--room${selected ? ' is-selected' : ''}${entry.unread > 0 ? ' has-unread' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen({ accountId, room })}
      data-testid="room-row"
      data-room={room}
      data-account-id={accountId}
      title={room}
    >
      <span className="room-marker" aria-hidden="true">
        #
      </span>
      <span className="conversation__text">
        <span className="conversation__head">
          <bdi className="conversation__name">
            <span className="sr-only">Room </span>
            {roomName(room, entry.summary.name)}
          </bdi>
          {last ? (
            <time className="conversation__time" dateTime={last.at}>
              {formatListTime(last.at, now)}
            </time>
          ) : null}
        </span>
        <span className="conversation__line">
          <bdi className="conversation__preview" data-testid="room-preview">
            {roomPreview(entry)}
          </bdi>
          {mentions > 0 && entry.unread > 0 ? (
            <span className="room-mention" data-testid="room-mention" aria-label={mentions === 1 ? '1 mention of you' : `${mentions} mentions of you`}>
              @
            </span>
          ) : null}
          {entry.unread > 0 ? (
            <span className="unread" data-testid="unread-count" aria-label={`${entry.unread} unread`}>
              {entry.unread}
            </span>
          ) : null}
        </span>
        {account ? <bdi className="conversation__account">{account}</bdi> : null}
      </span>
    </button>
  );
});
