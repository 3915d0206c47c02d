/**
 * The `<message>` that carries an OMEMO element: type chat, to the account's bare address (the server hands it
 * to every online client of that account and, with carbons, to our own other clients), with the storage hint,
 * the encryption marker and, when it has a payload, the fallback body (encrypted-element.ts).
 */
import { xml, type Element } from '@xmpp/xml';
import type { EncryptedMessage } from '../../omemo/omemo-types.js';
import { encryptedMessageChildren } from '../../xmpp/features/omemo/encrypted-element.js';

export function omemoMessageStanza(to: string, message: EncryptedMessage, id: string): Element {
  return xml('message', { type: 'chat', to, id }, ...encryptedMessageChildren(message));
}
