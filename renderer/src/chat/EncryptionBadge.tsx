import type { ConversationEncryption } from './conversation-encryption.js';
import { CONVERSATION_ENCRYPTION_TEXT } from './encryption-text.js';
import { LockIcon } from './LockIcon.js';

/**
 * The conversation's encryption beside the contact's name (issue 15), in the colours of the identity badges:
 * green when the newest messages were encrypted, neutral when not (not a warning: most chats are plaintext,
 * and a warning on each would be a nag). The lock is decoration; the word carries the meaning.
 */
export function EncryptionBadge({ state }: { readonly state: ConversationEncryption }) {
  const text = CONVERSATION_ENCRYPTION_TEXT[state];
  return (
    <span className={`badge badge--${state === 'encrypted' ? 'green' : 'neutral'} encryption-badge`} data-testid="conversation-encryption" data-state={state} title={text.story}>
      <LockIcon open={state === 'plain'} />
      <span className="badge__label">{text.label}</span>
    </span>
  );
}
