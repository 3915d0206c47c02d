import { isMention } from '../../../app/domain/mention.js';
import { MessageText } from '../chat/MessageText.js';
import { formatDateTime } from '../common/format-time.js';
import { Nick } from './Nick.js';
import type { RoomLine } from './rooms-reducer.js';

/**
 * What was said in the room and who came and went, oldest first; every string is network text, shown as text.
 * A message from someone else that names `ownNick` (app/domain/mention.ts) is marked as mentioning you.
 */
export function RoomTimeline({ lines, ownNick }: { readonly lines: readonly RoomLine[]; readonly ownNick: string }) {
  if (lines.length === 0) return <p className="note room-timeline__empty">Nothing said here yet since you joined.</p>;
  return (
    <ol className="room-timeline" aria-label="Messages in this room" data-testid="room-timeline">
      {lines.map((line) => {
        if (line.kind === 'event') {
          return (
            <li key={line.id} className="room-event note" data-testid="room-event">
              <bdi>{line.text}</bdi>
            </li>
          );
        }
        const { message } = line;
        const mention = isMention(message, ownNick);
        return (
          <li
            key={message.id}
            className={`room-message room-message--${message.direction}${message.state === 'failed' ? ' message--failed' : ''}${mention ? ' room-message--mention' : ''}`}
            data-testid="room-message"
            data-state={message.state}
            data-mention={mention ? 'true' : undefined}
            aria-label={`${message.direction === 'out' ? 'You' : message.nick} wrote${mention ? ', mentioning you' : ''}, ${formatDateTime(message.at)}`}
          >
            <Nick nick={message.nick} label={message.direction === 'out' ? 'You' : undefined} />
            {mention ? <span className="sr-only">Mentions you: </span> : null}
            <MessageText body={message.body} />
            {message.state === 'failed' ? <span className="error-text"> Not sent.</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
