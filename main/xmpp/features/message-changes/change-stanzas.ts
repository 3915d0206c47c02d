/**
 * The stanzas we send to change or answer a message, as pure functions. `ref` is the id the original was sent
 * with (its stanza id; for our own messages that is also the origin-id). Text goes in as text nodes: xml()
 * escapes it, nothing is concatenated into markup.
 */
import { xml, type Element } from '@xmpp/xml';
import { NS } from '../namespaces.js';
import type { EncryptedMessage } from '../../../omemo/omemo-types.js';
import { encryptedMessageChildren } from '../omemo/encrypted-element.js';

/** XEP-0424 §4: the body clients without retraction support show instead. */
export const RETRACTION_FALLBACK = 'This person attempted to retract a previous message, but it\'s unsupported by your client.';

const base = (to: string, id: string, ...children: Element[]): Element =>
  xml('message', { to, type: 'chat', id }, ...children, xml('origin-id', { xmlns: NS.sid, id }));

/** XEP-0308: the whole new text, naming the first message (corrections of corrections name it too). */
export function correctionStanza(to: string, id: string, ref: string, body: string): Element {
  return base(to, id, xml('body', {}, body), xml('replace', { xmlns: NS.correct, id: ref }), xml('request', { xmlns: NS.receipts }));
}

// issue 15: OMEMO
/**
 * A correction of an encrypted message, as Conversations, Dino and Gajim send one: the `<replace>` in the clear
 * (the ids are no secret, and every client reads it there) and the new text only inside `<encrypted>` (`sealed`:
 * the new text encrypted for the contact's devices and our others), with the storage hint, XEP-0380 marker and
 * fixed fallback body every encrypted message carries. Nothing of the text is in the clear.
 */
export function encryptedCorrectionStanza(to: string, id: string, ref: string, sealed: EncryptedMessage): Element {
  if (sealed.payload === undefined) throw new Error('A correction needs an encrypted payload, not a key transport.');
  return base(to, id, ...encryptedMessageChildren(sealed), xml('replace', { xmlns: NS.correct, id: ref }), xml('request', { xmlns: NS.receipts }));
}

/** XEP-0424 with the XEP-0428 fallback body; stored by the server though it is no chat text (hints). */
export function retractionStanza(to: string, id: string, ref: string): Element {
  return base(
    to,
    id,
    xml('retract', { xmlns: NS.retract, id: ref }),
    xml('fallback', { xmlns: NS.fallback, for: NS.retract }),
    xml('body', {}, RETRACTION_FALLBACK),
    xml('store', { xmlns: NS.hints }),
  );
}

/** XEP-0444: our complete set of reactions to the message (empty: we took them all back). */
export function reactionsStanza(to: string, id: string, ref: string, emojis: readonly string[]): Element {
  return base(to, id, xml('reactions', { xmlns: NS.reactions, id: ref }, ...emojis.map((e) => xml('reaction', {}, e))), xml('store', { xmlns: NS.hints }));
}

/** The quote put before a reply's text for clients without XEP-0461: "> " before each line of the original. */
export function replyFallback(authorName: string, original: string): string {
  const lines = original.split('\n').slice(0, 3).map((line) => `> ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
  return `> ${authorName} wrote:\n${lines.join('\n')}\n`;
}

/** The reply's own elements: `<reply/>` and the fallback range over the quote at the start of the body. */
export function replyElements(ref: string, to: string | null, fallback: string | null): Element[] {
  const elements = [xml('reply', { xmlns: NS.reply, id: ref, ...(to === null ? {} : { to }) })];
  if (fallback !== null && fallback.length > 0) {
    elements.push(xml('fallback', { xmlns: NS.fallback, for: NS.reply }, xml('body', { start: '0', end: String([...fallback].length) })));
  }
  return elements;
}
