import { useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useApi } from '../ApiContext.js';
import { createChatStateSender } from './chat-state-sender.js';

interface ComposerProps {
  readonly accountId: string;
  readonly peer: string;
  readonly onSend: (body: string) => Promise<boolean>;
  // issue 14: message changes: text to put in the composer (a message to edit; a new key puts it again), Up
  // in an empty composer (edit the last message), Escape (stop editing or replying).
  readonly prefill?: { readonly key: string; readonly text: string } | null;
  readonly onUpInEmpty?: () => void;
  readonly onEscape?: () => void;
  /** issue 14: files: another way to send, shown beside Send (the "Send a file…" button). */
  readonly extra?: ReactNode;
}

/** Enter sends, Shift+Enter starts a new line; typing sends chat states sparingly. */
export function Composer({ accountId, peer, onSend, prefill = null, onUpInEmpty, onEscape, extra = null }: ComposerProps) {
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const states = useMemo(
    () => createChatStateSender((state) => void api.sendChatState({ accountId, to: peer, state }).catch(() => undefined)),
    [api, accountId, peer],
  );
  useEffect(() => () => states.close(), [states]);
  // issue 14: message changes
  const [prefilled, setPrefilled] = useState<string | null>(null);
  if (prefill !== null && prefill.key !== prefilled) {
    setPrefilled(prefill.key);
    setDraft(prefill.text);
  }

  const send = async () => {
    const body = draft.trim();
    if (body === '' || sending) return;
    setSending(true);
    const sent = await onSend(body);
    setSending(false);
    if (sent) {
      states.sent();
      setDraft('');
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (CJK, accents) confirms the composition, it does not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
    // issue 14: message changes
    if (event.key === 'ArrowUp' && draft === '' && onUpInEmpty) {
      event.preventDefault();
      onUpInEmpty();
    }
    if (event.key === 'Escape' && onEscape) onEscape();
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Message to {peer}
      </label>
      <textarea
        id={id}
        data-testid="composer"
        value={draft}
        rows={2}
        maxLength={256 * 1024}
        placeholder="Write a message. Enter sends, Shift+Enter starts a new line."
        // Opening a chat (a click, Ctrl+K, Start a chat) is for writing in it, as in other chat apps.
        autoFocus
        onChange={(e) => {
          setDraft(e.target.value);
          states.typed(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      {extra}
      <button type="submit" className="button--primary" disabled={sending || draft.trim() === ''}>
        Send
      </button>
    </form>
  );
}
