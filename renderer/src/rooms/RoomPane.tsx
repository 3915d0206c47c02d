import { useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import { BookmarkToggle } from './BookmarkToggle.js';
import { OccupantPanel } from './OccupantPanel.js';
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
}

/** One room: its header, what is said and who comes and goes, the people in it (on demand), and the composer. */
export function RoomPane({ entry, account, showAccount, onSend, onLeave, onOpenSecurity }: RoomPaneProps) {
  const [occupantsOpen, setOccupantsOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { summary } = entry;
  const leave = async () => {
    setLeaving(true);
    const failure = await onLeave();
    setLeaving(false);
    setError(failure);
  };
  return (
    <section className="conversation-pane room-pane" aria-label={`Room ${roomName(summary.room)}`} data-testid="room-pane">
      <RoomHeader
        summary={summary}
        account={account}
        showAccount={showAccount}
        occupantsOpen={occupantsOpen}
        onToggleOccupants={() => setOccupantsOpen((o) => !o)}
        onLeave={() => void leave()}
        leaving={leaving}
        onOpenSecurity={onOpenSecurity}
        // rooms: bookmarks in the window
        bookmark={<BookmarkToggle accountId={summary.accountId} room={summary.room} nick={summary.nick} />}
      />
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="room-pane__body">
        <RoomTimeline lines={entry.lines} />
        {occupantsOpen ? <OccupantPanel occupants={summary.occupants} ownNick={summary.nick} /> : null}
      </div>
      <RoomComposer onSend={onSend} />
    </section>
  );
}
