import { useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import { BookmarkToggle } from './BookmarkToggle.js';
import { InviteDialog } from './InviteDialog.js';
import { OccupantPanel } from './OccupantPanel.js';
import { useOccupantActions } from './use-occupant-actions.js';
import type { PrivateMessages } from './use-private-messages.js';
import { RoomComposer } from './RoomComposer.js';
import { RoomHeader } from './RoomHeader.js';
import { RoomTimeline } from './RoomTimeline.js';
import { roomName, type RoomEntry } from './rooms-reducer.js';
import './rooms.css';

interface RoomPaneProps {
  readonly entry: RoomEntry;
  readonly account: AccountView;
  readonly showAccount: boolean;
  readonly onSend: (body: string) => Promise<string | null>;
  /** Leaves the room; answers null when out, else why not. */
  readonly onLeave: () => Promise<string | null>;
  readonly onOpenSecurity: () => void;
  // rooms: moderation
  /** Private messages with this room's occupants (kept by the shell, so none is missed while elsewhere). */
  readonly privates?: PrivateMessages;
  // rooms: invitations
  /** The account's contacts, offered in the invite dialog. */
  readonly contacts?: readonly RosterItem[];
}

/** One room: its header, what is said and who comes and goes, the people in it (on demand), and the composer. */
export function RoomPane({ entry, account, showAccount, onSend, onLeave, onOpenSecurity, privates, contacts = [] }: RoomPaneProps) {
  const [occupantsOpen, setOccupantsOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { summary } = entry;
  // rooms: moderation (occupant actions, private threads)
  const moderation = useOccupantActions(summary, privates);
  // rooms: invitations
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState(false);
  const leave = async () => {
    setLeaving(true);
    const failure = await onLeave();
    setLeaving(false);
    setError(failure);
  };
  return (
    <section className="conversation-pane room-pane" aria-label={`Room ${roomName(summary.room, summary.name)}`} data-testid="room-pane">
      <RoomHeader
        summary={summary}
        account={account}
        showAccount={showAccount}
        occupantsOpen={occupantsOpen}
        onToggleOccupants={() => setOccupantsOpen((o) => !o)}
        onLeave={() => void leave()}
        leaving={leaving}
        onOpenSecurity={onOpenSecurity}
        onInvite={() => {
          setInvited(false);
          setInviting(true);
        }}
        // rooms: bookmarks in the window
        bookmark={<BookmarkToggle accountId={summary.accountId} room={summary.room} nick={summary.nick} />}
      />
      {invited ? (
        <p role="status" className="note" data-testid="invite-sent">
          Invitation sent.
        </p>
      ) : null}
      {inviting ? (
        <InviteDialog
          accountId={summary.accountId}
          room={summary.room}
          contacts={contacts}
          onDone={() => {
            setInviting(false);
            setInvited(true);
          }}
          onCancel={() => setInviting(false)}
        />
      ) : null}
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {moderation.notice}
      <div className="room-pane__body">
        <RoomTimeline lines={entry.lines} ownNick={summary.nick} />
        {moderation.thread ??
          (occupantsOpen ? <OccupantPanel occupants={summary.occupants} ownNick={summary.nick} onAction={moderation.onAction} unread={moderation.unread} /> : null)}
      </div>
      {moderation.dialog}
      <RoomComposer onSend={onSend} label="Message to the room" placeholder="Write to everyone in the room…" testId="room-composer" />
    </section>
  );
}
