import { useId, useState, type KeyboardEvent } from 'react';

interface RoomComposerProps {
  /** Sends; answers null when sent, else the reason in plain words. */
  readonly onSend: (body: string) => Promise<string | null>;
  /** Who reads what is written here, for screen readers ("Message to the room"). */
  readonly label: string;
  readonly placeholder: string;
  readonly testId: string;
  readonly className?: string;
}

/**
 * Where a room message, or a private message to one occupant, is written. Enter sends, Shift+Enter starts a
 * new line. No chat states: rooms are told nothing of typing. The draft stays when sending fails, with the reason.
 */
export function RoomComposer({ onSend, label, placeholder, testId, className = 'composer' }: RoomComposerProps) {
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
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea id={id} rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} placeholder={placeholder} data-testid={testId} />
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
