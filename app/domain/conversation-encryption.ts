/**
 * The person's encryption choice for one conversation (issue 15), per account: 'default' (not stored: a new
 * message is encrypted when the contact has OMEMO devices, as the other clients do) or 'plaintext' (the person
 * chose not to encrypt this conversation). Turning encryption off lowers protection, so main confirms it in its
 * own dialog (trust-change.ts 'send-unencrypted'); turning it back on is not confirmed.
 */
export const CONVERSATION_ENCRYPTION_CHOICES = ['default', 'plaintext'] as const;
export type ConversationEncryptionChoice = (typeof CONVERSATION_ENCRYPTION_CHOICES)[number];

export const DEFAULT_CONVERSATION_ENCRYPTION: ConversationEncryptionChoice = 'default';

/** How many conversations of one account keep a choice: more are refused (the file is bounded). */
export const MAX_CONVERSATION_ENCRYPTION_SETTINGS = 1_000;
