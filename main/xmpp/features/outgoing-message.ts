/**
 * Our outgoing chat message and its stanza, as pure functions: a message can be written while offline
 * (before any session exists) and its stanza rebuilt identically for every resend (an encrypted one with the
 * same ids and a new encryption each time).
 *
 * issue 15: OMEMO. A message written encrypted (`encryption` set) travels only as encryptedChatStanza: no text in
 * the clear at all. A reply's quote goes inside the encrypted text, as the clients in use do, and the `<reply>`
 * element (ids and the author's address, which in a 1:1 chat is one of the two of us) stays outside. The XEP-0428
 * range over the quote does not: outside the encryption it would apply to the fixed fallback body, and a client
 * without OMEMO would cut the start off that sentence; receivers show the quote as quoted text. A shared file goes
 * encrypted only as an aesgcm link (XEP-0454: the file was sealed before it was uploaded, the key is in the link)
 * and only inside the encryption, with no XEP-0066 element beside it (that would show the link to the server); an
 * https link is refused, not encrypted: that file lies unencrypted on the server, and an encrypted link to it would
 * only look safe. An aesgcm link is never sent as a plaintext shared file.
 */
import { xml, type Element } from '@xmpp/xml';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { requireBareJid } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { oobElement } from './oob.js';
import { isAesgcmLink } from '../../files/aesgcm-file.js';
import { replyElements } from './message-changes/change-stanzas.js';
import type { EncryptedMessage } from '../../omemo/omemo-types.js';
import { encryptedMessageChildren } from './omemo/encrypted-element.js';
import { refusal } from './outgoing-refusal.js';

export interface ComposeDeps {
  readonly accountId: AccountId;
  readonly now: () => Date;
  readonly ids: () => string;
}

/** A new outgoing message in state 'queued'. One id serves as local id, stanza id and origin-id. */
export function composeChatMessage({ accountId, now, ids }: ComposeDeps, to: string, body: string): ChatMessage {
  const peer = requireBareJid(to);
  if (body.length === 0) throw new Error('A message needs a body.');
  const id = ids();
  return {
    id,
    accountId,
    peer,
    direction: 'out',
    body,
    at: now().toISOString(),
    state: 'queued',
    stanzaId: id,
    originId: id,
    archiveId: null,
    carbon: false,
    error: null,
  };
}

/**
 * `<message type='chat'>` with the body, a XEP-0359 origin-id equal to the stanza id, a XEP-0184 receipt
 * request and XEP-0085 `<active/>` (every content message carries it, §5.3; it is also how a contact
 * learns we support chat states). The body is a text node: xml() escapes it, nothing is concatenated.
 */
export function chatStanza(message: ChatMessage): Element {
  requireOwn(message);
  // issue 15: OMEMO. Never the plaintext of a message written encrypted, whoever asks, nor an encrypted file's key.
  if (message.encryption !== undefined || (message.oobUrl && isAesgcmLink(message.oobUrl))) throw refusal('not-set-up');
  return xml(
    'message',
    { to: message.peer, type: 'chat', id: message.stanzaId },
    xml('body', {}, plaintextOf(message)),
    ...commonChildren(message),
    // issue 14: files: the link of a shared file, also as XEP-0066 data (the body carries it for other clients).
    ...(message.oobUrl ? [oobElement(message.oobUrl)] : []),
    ...replyChildren(message),
  );
}

// issue 15: OMEMO
/**
 * The text an encrypted message seals: the body, after a reply's quote (as chatStanza's body is). Refuses a
 * shared file's link unless it is an encrypted file's (see the module comment).
 */
export function encryptedPlaintext(message: ChatMessage): string {
  requireOwn(message);
  refuseUnencryptedFile(message);
  return plaintextOf(message);
}

/**
 * Our encrypted chat message: the ids, receipt request, chat state and marker of chatStanza, the `<encrypted>`
 * element with its storage hint, XEP-0380 marker and the fixed fallback body, and a reply's ids and quote range;
 * nothing of the text. `sealed` is encryptedPlaintext(message) encrypted for the peer's devices and ours, afresh for each send.
 */
export function encryptedChatStanza(message: ChatMessage, sealed: EncryptedMessage): Element {
  requireOwn(message);
  if (message.encryption?.kind !== 'omemo') throw new Error('Only a message written encrypted is sent encrypted.');
  refuseUnencryptedFile(message);
  if (sealed.payload === undefined) throw new Error('A chat message needs an encrypted payload, not a key transport.');
  const reply = message.replyTo;
  return xml(
    'message',
    { to: message.peer, type: 'chat', id: message.stanzaId },
    ...encryptedMessageChildren(sealed),
    ...commonChildren(message),
    // The quote's range stays in the clear, as the other OMEMO clients send it: the receiver leaves the quote out of
    // the decrypted text (it shows the reply's own quote instead). It tells only the quote's length.
    ...(reply === undefined ? [] : replyElements(reply.id, reply.to, reply.fallback)),
  );
}

/** An encrypted message's shared file is an aesgcm link, sealed as its whole text; an https link is refused. */
function refuseUnencryptedFile(message: ChatMessage): void {
  if (message.oobUrl && !(isAesgcmLink(message.oobUrl) && message.body === message.oobUrl)) throw refusal('file-not-encrypted');
}

function requireOwn(message: ChatMessage): asserts message is ChatMessage & { readonly stanzaId: string } {
  if (message.direction !== 'out' || message.stanzaId === null) throw new Error('Only our own composed messages can be sent.');
}

/** issue 14: message changes. A reply carries its quote before the text (XEP-0428). */
function plaintextOf(message: ChatMessage): string {
  const fallback = message.replyTo?.fallback;
  return fallback == null ? message.body : fallback + message.body;
}

/** The reply's `<reply/>` (naming its original) and the fallback range over the quote. */
function replyChildren(message: ChatMessage): Element[] {
  const reply = message.replyTo;
  return reply === undefined ? [] : replyElements(reply.id, reply.to, reply.fallback);
}

function commonChildren(message: ChatMessage & { readonly stanzaId: string }): Element[] {
  return [
    xml('origin-id', { xmlns: NS.sid, id: message.originId ?? message.stanzaId }),
    xml('request', { xmlns: NS.receipts }),
    xml('active', { xmlns: NS.chatStates }),
    xml('markable', { xmlns: NS.chatMarkers }), // issue 14: read markers (XEP-0333: the contact may say when they read it)
  ];
}
