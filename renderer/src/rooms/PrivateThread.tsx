import { useId, useState, type KeyboardEvent } from 'react';
import type { PrivateRoomMessage } from '../../../app/domain/rooms.js';
import { MessageText } from '../chat/MessageText.js';
import { formatDateTime } from '../common/format-time.js';
import { Nick } from './Nick.js';

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
  const id = useId();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = messages.filter((m) => m.nick === nick);
  const send = async () => {
    const body = draft.trim();
    if (body === '' || sending) return;
    setSending(true);
    const failure = await onSend(body);
    setSending(false);
    setError(failure);
    if (failure === null) setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };
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
      <form
        className="private-thread__composer"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label htmlFor={id} className="sr-only">
          Private message to {nick}
        </label>
        <textarea id={id} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} placeholder={`Write to ${nick} only…`} data-testid="private-composer" />
        <button type="submit" className="button--primary" disabled={sending || draft.trim() === ''}>
          Send
        </button>
        {error ? (
          <p role="alert" className="error-text">
            {error}
          </p>
        ) : null}
      </form>
    </aside>
  );
}
