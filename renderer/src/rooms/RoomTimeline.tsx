import { MessageText } from '../chat/MessageText.js';
import { formatDateTime } from '../common/format-time.js';
import { Nick } from './Nick.js';
import type { RoomLine } from './rooms-reducer.js';

/** What was said in the room and who came and went, oldest first; every string is network text, shown as text. */
export function RoomTimeline({ lines }: { readonly lines: readonly RoomLine[] }) {
  if (lines.length === 0) return <p className="note room-timeline__empty">Nothing said here yet since you joined.</p>;
  return (
    <ol className="room-timeline" aria-label="Messages in this room" data-testid="room-timeline">
      {lines.map((line) =>
        line.kind === 'event' ? (
          <li key={line.id} className="room-event note" data-testid="room-event">
            <bdi>{line.text}</bdi>
          </li>
        ) : (
          <li
            key={line.message.id}
            className={`room-message room-message--${line.message.direction}${line.message.state === 'failed' ? ' message--failed' : ''}`}
            data-testid="room-message"
            data-state={line.message.state}
            aria-label={`${line.message.direction === 'out' ? 'You' : line.message.nick} wrote, ${formatDateTime(line.message.at)}`}
          >
            <Nick nick={line.message.nick} label={line.message.direction === 'out' ? 'You' : undefined} />
            <MessageText body={line.message.body} />
            {line.message.state === 'failed' ? <span className="error-text"> Not sent.</span> : null}
          </li>
        ),
      )}
    </ol>
  );
}
