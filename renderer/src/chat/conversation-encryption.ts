/**
 * Whether a conversation is encrypted, as the header says it (issue 15): pure, from the loaded messages, so it
 * is tested without React. The newest message that was read decides, sent or received: that is how the
 * conversation goes now, whatever older history did. A message that could not be decrypted says nothing about
 * that (it was encrypted, yet the conversation may have fallen back since); it decides only when nothing else
 * can, since the contact did write encrypted.
 */
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { ConversationEncryptionChoice } from '../../../app/domain/conversation-encryption.js';

/** 'chosen-plain': the person turned encryption off here, so new messages go unencrypted whatever came before. */
export type ConversationEncryption = 'encrypted' | 'plain' | 'chosen-plain';

export function conversationEncryption(messages: readonly ChatMessage[], choice: ConversationEncryptionChoice = 'default'): ConversationEncryption {
  // The choice says how the next message goes: an encrypted newest message must not make it look encrypted.
  if (choice === 'plaintext') return 'chosen-plain';
  let sawUndecryptable = false;
  for (let i = messages.length - 1; i >= 0; i--) {
    const encryption = messages[i]?.encryption;
    if (encryption?.kind === 'undecryptable') {
      sawUndecryptable = true;
      continue;
    }
    return encryption?.kind === 'omemo' ? 'encrypted' : 'plain';
  }
  return sawUndecryptable ? 'encrypted' : 'plain';
}
