/**
 * How the outgoing queue turns one of our messages into its stanza (issue 15: OMEMO): a plaintext message at
 * once (chatStanza), a message written encrypted by encrypting it now, for this send: each resend is encrypted
 * again (a new ratchet step) under the same ids, so a receiver that got the first copy recognises the second.
 *
 * Every way this can fail is an OutgoingRefusal (the queue fails the message with its words, or keeps it for
 * 'keys-unreachable'); a message written encrypted never comes out of here in plaintext.
 */
import type { Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { EncryptedMessage } from '../../omemo/omemo-types.js';
import { chatStanza, encryptedChatStanza, encryptedPlaintext } from './outgoing-message.js';
import { OutgoingRefusal, refusal } from './outgoing-refusal.js';

/**
 * Encrypts `plaintext` for `peer`'s devices and our own other devices (the account's OMEMO service). Rejects with
 * an OutgoingRefusal to choose the words and whether to try again; any other rejection is 'encryption-failed'.
 */
export type EncryptFor = (peer: string, plaintext: string) => Promise<EncryptedMessage>;

export type StanzaFor = (message: ChatMessage) => Element | Promise<Element>;

/** `encrypt` null: this account has no OMEMO; a message written encrypted then fails with 'not-set-up'. */
export function createStanzaFor(encrypt: EncryptFor | null): StanzaFor {
  return (message) => {
    if (message.encryption === undefined) return chatStanza(message);
    return encrypted(message, encrypt);
  };
}

async function encrypted(message: ChatMessage, encrypt: EncryptFor | null): Promise<Element> {
  if (message.encryption?.kind !== 'omemo') throw refusal('encryption-failed');
  if (encrypt === null) throw refusal('not-set-up');
  const plaintext = encryptedPlaintext(message);
  let sealed: EncryptedMessage;
  try {
    sealed = await encrypt(message.peer, plaintext);
  } catch (error) {
    throw error instanceof OutgoingRefusal ? error : refusal('encryption-failed', { cause: error });
  }
  return encryptedChatStanza(message, sealed);
}
