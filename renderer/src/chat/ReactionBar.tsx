import type { ChatMessage } from '../../../app/domain/chat.js';
import { useMessageActions } from './message-actions.js';

/** Everyone's reactions grouped by emoji, in the order first seen. */
export function groupReactions(message: ChatMessage): { emoji: string; by: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const person of message.changes?.reactions ?? []) {
    for (const emoji of person.emojis) groups.set(emoji, [...(groups.get(emoji) ?? []), person.sender]);
  }
  return [...groups].map(([emoji, by]) => ({ emoji, by }));
}

/** Toggles one emoji in our set of reactions to the message. */
export function toggled(message: ChatMessage, ownJid: string, emoji: string): string[] {
  const mine = message.changes?.reactions.find((r) => r.sender === ownJid)?.emojis ?? [];
  return mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
}

/** Reactions under a message (XEP-0444): each emoji with its count, who reacted on hover; a click toggles ours. */
export function ReactionBar({ message }: { readonly message: ChatMessage }) {
  const actions = useMessageActions();
  const groups = groupReactions(message);
  if (groups.length === 0 || !actions) return null;
  return (
    <div className="reaction-bar" data-testid="reactions">
      {groups.map(({ emoji, by }) => {
        const mine = by.includes(actions.ownJid);
        const names = by.map((jid) => (jid === actions.ownJid ? 'You' : actions.nameOf(jid))).join(', ');
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction${mine ? ' reaction--mine' : ''}`}
            data-testid="reaction"
            aria-pressed={mine}
            title={names}
            aria-label={`${emoji} ${by.length}: ${names}`}
            onClick={() => actions.react(message, toggled(message, actions.ownJid, emoji))}
          >
            {emoji} {by.length}
          </button>
        );
      })}
    </div>
  );
}
