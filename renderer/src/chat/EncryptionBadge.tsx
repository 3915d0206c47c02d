import type { ConversationEncryption } from './conversation-encryption.js';
import { CONVERSATION_ENCRYPTION_TEXT } from './encryption-text.js';
import { LockIcon } from './LockIcon.js';

const COLOUR = { encrypted: 'green', plain: 'neutral', 'chosen-plain': 'amber' } as const;

/**
 * The conversation's encryption beside the contact's name (issue 15), in the colours of the identity badges:
 * green when the newest messages were encrypted, neutral when not (not a warning: most chats are plaintext,
 * and a warning on each would be a nag), amber when the person turned encryption off here (a choice that lowers
 * protection, said in words so it is never taken for the encrypted state). The lock is decoration; the word
 * carries the meaning.
 */
export function EncryptionBadge({ state }: { readonly state: ConversationEncryption }) {
  const text = CONVERSATION_ENCRYPTION_TEXT[state];
  return (
    <span className={`badge badge--${COLOUR[state]} encryption-badge`} data-testid="conversation-encryption" data-state={state} title={text.story}>
      <LockIcon open={state !== 'encrypted'} />
      <span className="badge__label">{text.label}</span>
    </span>
  );
}
