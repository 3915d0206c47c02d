/**
 * One `<message>` stanza read into plain data, checking everything: live messages, carbon copies and archive
 * results all go through here, so each rule (which stanza-id to trust, what a body is, which chat state)
 * lives in one place. Parsing never throws; a stanza that cannot be used comes back as a reason.
 *
 * issue 15: OMEMO. A message with an `<encrypted>` child is an encrypted message whatever else it carries: its
 * `<body>` is the fallback for clients without OMEMO (and unauthenticated: the server could have written it), so
 * it is never read as the text. Its text is what the caller decrypted, passed back in to read the same stanza
 * again (`opened`), so that replies and corrections are read from the decrypted text like any other.
 */
import type { Element } from '@xmpp/xml';
import { CHAT_STATES, type ChatState } from '../../../app/domain/chat.js';
import { delayStamp } from './delay.js';
import { jidOrNull, type Jid } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { readStanzaError, type StanzaErrorDetails } from './stanza-error.js';
import { attr, clientChildText, isStanza, singleChild } from './stanza-read.js';
import { readOobUrl } from './oob.js';
import { isAesgcmLink } from '../../files/aesgcm-file.js';
import { readMessageChanges, type MessageChangeParts } from './message-changes/message-change-parts.js';
import { readEncryptedPart, type EncryptedPart } from './encrypted-part.js';

export type MessageType = 'chat' | 'normal' | 'groupchat' | 'headline' | 'error';

export type ReceiptPart =
  | { readonly kind: 'none' }
  | { readonly kind: 'request' }
  /** An ack for our message with this stanza id. */
  | { readonly kind: 'received'; readonly id: string };

export interface ParsedMessage {
  readonly type: MessageType;
  readonly from: Jid;
  readonly to: Jid | null;
  /** The stanza's `id` attribute. */
  readonly id: string | null;
  /**
   * Null when there is no `<body>` or it is empty. Kept exactly as received: it is text, never markup. For an
   * encrypted message (`encrypted` not 'none'): the decrypted text passed in as `opened`, else null, never the
   * fallback `<body>`.
   */
  readonly body: string | null;
  readonly originId: string | null;
  /** XEP-0359 stanza-id added by our own server (`by` = our bare JID); null when absent or ambiguous. */
  readonly ourStanzaId: string | null;
  /** XEP-0203 delay stamp on the stanza itself. */
  readonly delay: Date | null;
  readonly chatState: ChatState | null;
  readonly receipt: ReceiptPart;
  /** Only for type 'error'. */
  readonly error: StanzaErrorDetails | null;
  // issue 14: read markers
  /** The sender asks for XEP-0333 read markers (`<markable/>`). */
  readonly markable: boolean;
  // issue 14: files
  /**
   * The XEP-0066 link, when it is an https URL (oob.ts). issue 15: for an encrypted message, its decrypted text
   * when that is exactly one aesgcm link (an encrypted file, XEP-0454); never a link from outside the encryption.
   */
  readonly oobUrl: string | null;
  // issue 14: message changes. What it corrects, retracts, reacts to or answers; `body` there is without the
  // fallback text of those features (1:1 chats use it; rooms keep the plain body).
  readonly changes: MessageChangeParts;
  // issue 15: OMEMO
  /** The `<encrypted>` child: 'none' for a plaintext message. */
  readonly encrypted: EncryptedPart;
}

export interface ParseOptions {
  /**
   * issue 15: OMEMO. The text decrypted from this stanza's `<encrypted>` child: read as the body (and from it the
   * reply and correction parts). Ignored for a stanza without a well-formed one.
   */
  readonly opened?: string;
}

export type MessageParse = { readonly ok: true; readonly message: ParsedMessage } | { readonly ok: false; readonly reason: string };

const TYPES: ReadonlySet<string> = new Set(['chat', 'normal', 'groupchat', 'headline', 'error']);
const isChatState = (name: string): name is ChatState => (CHAT_STATES as readonly string[]).includes(name);

export function parseMessage(stanza: Element, ownBareJid: string, { opened }: ParseOptions = {}): MessageParse {
  if (!isStanza(stanza, 'message')) return { ok: false, reason: 'not a message stanza' };
  const from = jidOrNull(attr(stanza, 'from'));
  if (from === null) return { ok: false, reason: attr(stanza, 'from') === null ? 'message without from' : 'message with a malformed from' };
  const toText = attr(stanza, 'to');
  const to = toText === null ? null : jidOrNull(toText);
  if (toText !== null && to === null) return { ok: false, reason: 'message with a malformed to' };

  // RFC 6121 §5.2.2: a missing or unknown type means 'normal'.
  const typeText = attr(stanza, 'type');
  const type = (typeText !== null && TYPES.has(typeText) ? typeText : 'normal') as MessageType;

  const encrypted = readEncryptedPart(stanza);
  const bodyText = encrypted.kind === 'none' ? clientChildText(stanza, 'body') : encrypted.kind === 'omemo' ? (opened ?? null) : null;
  const body = bodyText === null || bodyText.length === 0 ? null : bodyText;
  return {
    ok: true,
    message: {
      type,
      from,
      to,
      id: attr(stanza, 'id'),
      body,
      originId: readOriginId(stanza),
      ourStanzaId: readOurStanzaId(stanza, ownBareJid),
      delay: delayStamp(stanza),
      chatState: readChatState(stanza),
      receipt: readReceipt(stanza),
      error: type === 'error' ? readStanzaError(stanza) : null,
      markable: stanza.getChild('markable', NS.chatMarkers) !== undefined, // issue 14: read markers
      // issue 14: files. Beside an encrypted body a link in the clear is not the sender's (the server could add it);
      // issue 15: an encrypted file's link is the decrypted text itself. An aesgcm link in plaintext is only text.
      oobUrl: encrypted.kind === 'none' ? readOobUrl(stanza) : encryptedFileLink(body),
      changes: readMessageChanges(stanza, body),
      encrypted, // issue 15: OMEMO
    },
  };
}

/** issue 15: OMEMO. The decrypted text when it is exactly one aesgcm link (what the clients in use send). */
function encryptedFileLink(body: string | null): string | null {
  const text = body?.trim() ?? '';
  return isAesgcmLink(text) ? text : null;
}

function readOriginId(stanza: Element): string | null {
  const origin = singleChild(stanza, 'origin-id', NS.sid);
  return origin === null ? null : attr(origin, 'id');
}

/**
 * XEP-0359: only a stanza-id whose `by` is our own bare JID was added by our server (which replaces any
 * such element a sender tried to smuggle in). Other `by` values are someone else's numbering, and two
 * elements claiming our JID are a forgery attempt (§Business Rules 4): then none is trusted.
 */
function readOurStanzaId(stanza: Element, ownBareJid: string): string | null {
  const ours = stanza.getChildren('stanza-id', NS.sid).filter((element) => {
    const by = jidOrNull(attr(element, 'by'));
    return by !== null && by.resource === null && by.bare === ownBareJid;
  });
  return ours.length === 1 && ours[0] !== undefined ? attr(ours[0], 'id') : null;
}

/** XEP-0085 §5.6: at most one chat state element; several (or an unknown one) means none. */
function readChatState(stanza: Element): ChatState | null {
  const states = stanza.getChildElements().filter((child) => child.getNS() === NS.chatStates);
  const name = states.length === 1 ? states[0]?.getName() : undefined;
  return name !== undefined && isChatState(name) ? name : null;
}

function readReceipt(stanza: Element): ReceiptPart {
  const received = stanza.getChild('received', NS.receipts);
  if (received !== undefined) {
    const id = attr(received, 'id');
    // An ack that names no message acknowledges nothing; a request inside an ack is ignored (XEP-0184 §4.4).
    return id === null ? { kind: 'none' } : { kind: 'received', id };
  }
  return stanza.getChild('request', NS.receipts) === undefined ? { kind: 'none' } : { kind: 'request' };
}

/** Whether a `<message>` is a carbon copy wrapper (XEP-0280) or an archive result (XEP-0313). */
export function isWrapper(stanza: Element): boolean {
  return (
    stanza.getChild('received', NS.carbons) !== undefined ||
    stanza.getChild('sent', NS.carbons) !== undefined ||
    stanza.getChild('result', NS.mam) !== undefined
  );
}

/** The single `<forwarded><message/></forwarded>` inside a wrapper element (XEP-0297), or null. */
export function forwardedMessage(wrapper: Element): { readonly forwarded: Element; readonly message: Element } | null {
  const forwarded = singleChild(wrapper, 'forwarded', NS.forward);
  if (forwarded === null) return null;
  const messages = forwarded.getChildElements().filter((child) => isStanza(child, 'message'));
  const message = messages.length === 1 ? messages[0] : undefined;
  return message === undefined ? null : { forwarded, message };
}
