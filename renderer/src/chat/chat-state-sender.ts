import type { ChatState } from '../../../app/domain/chat.js';

const PAUSE_AFTER_MS = 5000;

export interface ChatStateSender {
  /** The composer's text changed. */
  typed(text: string): void;
  /** A message was sent: the message itself says "active". */
  sent(): void;
  /** The conversation is closing. */
  close(): void;
}

/**
 * Sends chat states sparingly (XEP-0085 §5): "composing" once when typing starts, "paused" after a quiet spell,
 * "active" when the draft is cleared; never one per keystroke.
 */
export function createChatStateSender(
  send: (state: ChatState) => void,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): ChatStateSender {
  let current: ChatState = 'active';
  let timer: unknown = null;
  const stopTimer = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  const move = (next: ChatState) => {
    if (next === current) return;
    current = next;
    send(next);
  };
  return {
    typed(text) {
      stopTimer();
      if (text.trim() === '') {
        if (current === 'composing' || current === 'paused') move('active');
        return;
      }
      move('composing');
      timer = timers.set(() => {
        timer = null;
        move('paused');
      }, PAUSE_AFTER_MS);
    },
    sent() {
      stopTimer();
      current = 'active';
    },
    close() {
      stopTimer();
      if (current === 'composing') move('paused');
    },
  };
}
