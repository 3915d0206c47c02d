/**
 * Our outgoing chat message and its stanza, as pure functions: a message can be written while offline
 * (before any session exists) and its stanza rebuilt identically for every resend.
 */
import { xml, type Element } from '@xmpp/xml';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { requireBareJid } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { oobElement } from './oob.js';
import { replyElements } from './message-changes/change-stanzas.js';

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
  if (message.direction !== 'out' || message.stanzaId === null) throw new Error('Only our own composed messages can be sent.');
  // issue 14: message changes. A reply carries its quote before the text (XEP-0428) and names its original.
  const reply = message.replyTo;
  return xml(
    'message',
    { to: message.peer, type: 'chat', id: message.stanzaId },
    xml('body', {}, reply?.fallback == null ? message.body : reply.fallback + message.body),
    xml('origin-id', { xmlns: NS.sid, id: message.originId ?? message.stanzaId }),
    xml('request', { xmlns: NS.receipts }),
    xml('active', { xmlns: NS.chatStates }),
    xml('markable', { xmlns: NS.chatMarkers }), // issue 14: read markers (XEP-0333: the contact may say when they read it)
    // issue 14: files: the link of a shared file, also as XEP-0066 data (the body carries it for other clients).
    ...(message.oobUrl ? [oobElement(message.oobUrl)] : []),
    ...(reply === undefined ? [] : replyElements(reply.id, reply.to, reply.fallback)),
  );
}
