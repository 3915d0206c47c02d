import { memo } from 'react';
import './room-marker.css';
import type { AccountId } from '../../../app/domain/account.js';
import type { RoomRef } from './room-ref.js';
import { sameRoom } from './room-ref.js';
import { roomName, roomPreview, type RoomEntry } from './rooms-reducer.js';

interface RoomRowsProps {
  readonly rooms: readonly RoomEntry[];
  readonly open: RoomRef | null;
  readonly onOpen: (room: RoomRef) => void;
  readonly accountLabel: ((accountId: AccountId) => string) | null;
}

/**
 * The joined rooms, at the top of the conversation list: few, and where people meet. A room row looks like a
 * chat row (name, "nick: text", unread) with a "#" marker and the word "Room" for screen readers instead of an avatar.
 */
export function RoomRows({ rooms, open, onOpen, accountLabel }: RoomRowsProps) {
  if (rooms.length === 0) return null;
  return (
    <ul className="room-rows" aria-label="Rooms" data-testid="room-rows">
      {rooms.map((entry) => (
        <li key={`${entry.summary.accountId}\n${entry.summary.room}`}>
          <RoomRow entry={entry} selected={sameRoom(open, entry.summary)} onOpen={onOpen} account={accountLabel ? accountLabel(entry.summary.accountId) : null} />
        </li>
      ))}
    </ul>
  );
}

interface RoomRowProps {
  readonly entry: RoomEntry;
  readonly selected: boolean;
  readonly onOpen: (room: RoomRef) => void;
  readonly account: string | null;
}

const RoomRow = memo(function RoomRow({ entry, selected, onOpen, account }: RoomRowProps) {
  const { accountId, room } = entry.summary;
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
            {roomName(room)}
          </bdi>
        </span>
        <span className="conversation__line">
          <bdi className="conversation__preview" data-testid="room-preview">
            {roomPreview(entry)}
          </bdi>
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
