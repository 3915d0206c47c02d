import { useId, useState, type KeyboardEvent } from 'react';

interface RoomComposerProps {
  /** Sends; answers null when sent, else the reason in plain words. */
  readonly onSend: (body: string) => Promise<string | null>;
}

/** Enter sends to everyone in the room, Shift+Enter starts a new line. No chat states: rooms are told nothing of typing. */
export function RoomComposer({ onSend }: RoomComposerProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Message to the room
      </label>
      <textarea id={id} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} placeholder="Write to everyone in the room…" data-testid="room-composer" />
      <button type="submit" className="button--primary" disabled={sending || draft.trim() === ''}>
        Send
      </button>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
    </form>
  );
}
