import type { ChatState } from '../../../app/domain/chat.js';

/** "bob is typing…" from the peer's chat state; announced politely, never focus-stealing. */
export function TypingIndicator({ peer, state }: { readonly peer: string; readonly state: ChatState | null }) {
  const text = state === 'composing' ? 'is typing…' : state === 'paused' ? 'stopped typing' : null;
  return (
    <p className="typing note" aria-live="polite" data-testid="typing-indicator">
      {text ? (
        <>
          <bdi>{peer}</bdi> {text}
        </>
      ) : null}
    </p>
  );
}
