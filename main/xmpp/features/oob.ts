/**
 * XEP-0066 out-of-band data in messages: the link of a shared file (XEP-0363 uploads send one). Only an https
 * link counts: the main process downloads nothing else, so any other scheme stays plain text in the body.
 */
import { xml, type Element } from '@xmpp/xml';
import { NS } from './namespaces.js';

/** Longer links are not files anyone uploaded (and would bloat the store); the message stays text. */
export const MAX_OOB_URL_LENGTH = 2048;

/** The https link of the message's single `<x xmlns='jabber:x:oob'><url/></x>`, or null. */
export function readOobUrl(stanza: Element): string | null {
  const all = stanza.getChildren('x', NS.oob);
  if (all.length !== 1 || all[0] === undefined) return null;
  const urls = all[0].getChildren('url', NS.oob);
  const text = urls.length === 1 ? urls[0]?.getText().trim() : undefined;
  return text !== undefined && isHttpsLink(text) ? text : null;
}

export function isHttpsLink(text: string): boolean {
  if (text.length === 0 || text.length > MAX_OOB_URL_LENGTH || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The message's shared file: its oob link when the body is empty or exactly that link (what Conversations,
 * Dino, Gajim and Hostproof send). A body that says something else is a text message that happens to carry a
 * link, and is shown as text.
 */
export function fileLink(message: { readonly body: string | null; readonly oobUrl: string | null }): string | null {
  if (message.oobUrl === null) return null;
  return message.body === null || message.body.trim() === message.oobUrl ? message.oobUrl : null;
}

export function oobElement(url: string): Element {
  return xml('x', { xmlns: NS.oob }, xml('url', {}, url));
}
