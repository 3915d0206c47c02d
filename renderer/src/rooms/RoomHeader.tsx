import type { ReactNode } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { RoomSummary } from '../../../app/domain/rooms.js';
import { IdentityBadge } from '../trust/IdentityBadge.js';
import { RoomNotifyMenu } from './RoomNotifyMenu.js';
import { roomName } from './rooms-reducer.js';

/** Said of a room on another server: a plain fact about who checks what (trust-ux tone), not a warning. */
export const FEDERATED_TEXT = "Reached through your server: this room's server is checked by the servers, not by Hostproof";

interface RoomHeaderProps {
  readonly summary: RoomSummary;
  readonly account: AccountView;
  readonly showAccount: boolean;
  readonly occupantsOpen: boolean;
  readonly onToggleOccupants: () => void;
  readonly onLeave: () => void;
  readonly leaving: boolean;
  readonly onOpenSecurity: () => void;
  // rooms: invitations
  /** Opens the invite dialog. */
  readonly onInvite?: () => void;
  // rooms: bookmarks in the window
  /** The "Remember" toggle (BookmarkToggle), beside "People". */
  readonly bookmark?: ReactNode;
}

/**
 * The room's name, subject and head count, and how it is reached: on the account's own server the account's
 * identity badge (as for a chat), on another server a note that Hostproof did not check that server itself.
 */
export function RoomHeader({ summary, account, showAccount, occupantsOpen, onToggleOccupants, onLeave, leaving, onOpenSecurity, onInvite, bookmark = null }: RoomHeaderProps) {
  const count = summary.occupants.length;
  return (
    <header className="conversation-header room-header" data-testid="room-header">
      <span className="room-marker room-marker--large" aria-hidden="true">
        #
      </span>
      <div className="conversation-header__who">
        <h2 className="conversation-header__name">
          <bdi>{roomName(summary.room, summary.name)}</bdi>
        </h2>
        <p className="conversation-header__detail note">
          <bdi>{summary.room}</bdi>
          {' · '}
          <span data-testid="room-count">{count === 1 ? '1 person' : `${count} people`}</span>
        </p>
        {summary.subject ? (
          <p className="room-header__subject" data-testid="room-subject">
            <bdi>{summary.subject}</bdi>
          </p>
        ) : null}
      </div>
      <div className="conversation-header__account">
        {showAccount ? (
          <span className="note">
            via <bdi>{account.settings.jid}</bdi>
          </span>
        ) : null}
        {summary.reach === 'own-server' ? (
          <IdentityBadge verdict={account.lastVerdict} onOpen={onOpenSecurity} />
        ) : (
          <span className="note room-header__reach" data-testid="room-reach">
            {FEDERATED_TEXT}
          </span>
        )}
      </div>
      {/* The room's controls on a row of their own: the name and subject keep the header's first row. */}
      <div className="room-header__actions" role="group" aria-label="Room actions">
        <button type="button" className="button--small" onClick={onToggleOccupants} aria-expanded={occupantsOpen} data-testid="toggle-occupants">
          People
        </button>
        {/* rooms: invitations */}
        {onInvite ? (
          <button type="button" className="button--small" onClick={onInvite} data-testid="open-invite">
            Invite…
          </button>
        ) : null}
        {bookmark}
        {/* rooms: mentions and notifications */}
        <RoomNotifyMenu accountId={summary.accountId} room={summary.room} />
        <button type="button" className="button--small" onClick={onLeave} disabled={leaving} data-testid="leave-room">
          Leave room
        </button>
      </div>
    </header>
  );
}
