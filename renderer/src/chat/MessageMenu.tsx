import { useState } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { QUICK_REACTIONS } from '../../../app/domain/message-changes.js';
import { useMessageActions } from './message-actions.js';
import { toggled } from './ReactionBar.js';

/** A message's small menu (issue 14): reply, react from a few common emoji, and edit or remove our own. */
export function MessageMenu({ message }: { readonly message: ChatMessage }) {
  const actions = useMessageActions();
  const [open, setOpen] = useState<'menu' | 'react' | null>(null);
  if (!actions || message.changes?.retracted) return null;
  const ours = message.direction === 'out';
  const sent = message.state !== 'queued' && message.state !== 'failed';
  const run = (action: () => void) => () => {
    setOpen(null);
    action();
  };
  return (
    <div className="message-menu">
      <button
        type="button"
        className="message-menu__toggle"
        data-testid="message-menu"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-label="Message actions"
        onClick={() => setOpen(open === null ? 'menu' : null)}
      >
        ⋯
      </button>
      {open === 'menu' ? (
        <div className="message-menu__items" role="menu">
          <button type="button" role="menuitem" onClick={run(() => actions.startReply(message))}>
            Reply
          </button>
          {sent ? (
            <button type="button" role="menuitem" onClick={() => setOpen('react')}>
              React…
            </button>
          ) : null}
          {ours && sent ? (
            <>
              <button type="button" role="menuitem" onClick={run(() => actions.startEdit(message))}>
                Edit
              </button>
              <button type="button" role="menuitem" onClick={run(() => actions.retract(message))}>
                Remove for everyone
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {open === 'react' ? (
        <div className="message-menu__items message-menu__picker" role="menu" aria-label="Reactions" data-testid="reaction-picker">
          {QUICK_REACTIONS.map((emoji) => (
            <button key={emoji} type="button" role="menuitem" onClick={run(() => actions.react(message, toggled(message, actions.ownJid, emoji)))}>
              {emoji}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
