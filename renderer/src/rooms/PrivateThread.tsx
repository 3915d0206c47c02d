import type { PrivateRoomMessage } from '../../../app/domain/rooms.js';
import { MessageText } from '../chat/MessageText.js';
import { formatDateTime } from '../common/format-time.js';
import { Nick } from './Nick.js';
import { RoomComposer } from './RoomComposer.js';

interface PrivateThreadProps {
  readonly nick: string;
  /** This room's private messages (with everyone): the thread shows those with `nick`. */
  readonly messages: readonly PrivateRoomMessage[];
  /** Sends; answers null when sent, else the reason in plain words. */
  readonly onSend: (body: string) => Promise<string | null>;
  readonly onClose: () => void;
}

/**
 * Private messages with one occupant, through the room (only they see them), beside the room's timeline.
 * Kept while the window is open, not in the local history. Every string is network text, shown as text.
 */
export function PrivateThread({ nick, messages, onSend, onClose }: PrivateThreadProps) {
  const lines = messages.filter((m) => m.nick === nick);
  return (
    <aside className="private-thread" aria-label={`Private messages with ${nick}`} data-testid="private-thread">
      <div className="private-thread__head">
        <h3 className="occupant-panel__title">
          Private with <Nick nick={nick} />
        </h3>
        <button type="button" className="button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="note private-thread__note">Only {nick} sees these messages, not the rest of the room.</p>
      <ol className="private-thread__lines" aria-label="Private messages">
        {lines.map((m) => (
          <li key={m.id} className="room-message" data-testid="private-message" aria-label={`${m.direction === 'out' ? 'You' : m.nick} wrote privately, ${formatDateTime(m.at)}`}>
            <Nick nick={m.nick} label={m.direction === 'out' ? 'You' : undefined} />
            <MessageText body={m.body} />
          </li>
        ))}
      </ol>
      <RoomComposer
        onSend={onSend}
        label={`Private message to ${nick}`}
        placeholder={`Write to ${nick} only…`}
        testId="private-composer"
        className="private-thread__composer"
      />
    </aside>
  );
}
