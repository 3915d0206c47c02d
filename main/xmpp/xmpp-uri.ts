/**
 * xmpp: URIs (RFC 5122), as the OS hands them to us when the user clicks one. Only what opening a chat needs
 * is read: the target JID (bare) and the query action. Anything malformed yields null and is ignored.
 */
import { parseJid } from '../../app/domain/address/jid.js';

export interface XmppUri {
  /** The target's bare JID, e.g. `romeo@montague.example`. */
  readonly jid: string;
  /** The query type (`message`, `subscribe`, `roster`, ...) or null. */
  readonly action: string | null;
  /** The `body` parameter of `?message;body=...`, if any. */
  readonly body: string | null;
}

export function parseXmppUri(text: string): XmppUri | null {
  if (text.length > 4096 || !/^xmpp:/i.test(text)) return null;
  let rest = text.slice(5);
  // An authority part (xmpp://account@host/...) names which of our accounts to use: ignored, the UI asks.
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    if (slash < 0) return null;
    rest = rest.slice(slash + 1);
  }
  const [pathPart = '', query = ''] = splitOnce(rest, '?');
  const withoutFragment = pathPart.split('#')[0] ?? '';
  let jid: string;
  try {
    jid = decodeURIComponent(withoutFragment);
  } catch {
    return null;
  }
  // A resource in the URI does not matter for opening a chat: the bare JID, canonical, is what is opened.
  const target = parseJid(jid);
  if (!target.ok) return null;
  const [action = '', ...params] = query.split(';');
  let body: string | null = null;
  for (const param of params) {
    const [key, value = ''] = splitOnce(param, '=');
    if (key === 'body') {
      try {
        body = decodeURIComponent(value);
      } catch {
        body = null;
      }
    }
  }
  return { jid: target.value.bare, action: action || null, body };
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** The first argument that is an xmpp: URI (how Windows and Linux pass a clicked link to the app). */
export function xmppUriFromArgv(argv: readonly string[]): XmppUri | null {
  for (const arg of argv) {
    const parsed = parseXmppUri(arg);
    if (parsed) return parsed;
  }
  return null;
}
