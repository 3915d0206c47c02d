/** RFC 6120 §8.3 stanza errors, read defensively and put in plain words for the person using the app. */
import type { Element } from '@xmpp/xml';
import { NS } from './namespaces.js';
import { clientChildren, preferUntagged } from './stanza-read.js';

export interface StanzaErrorDetails {
  /** The defined condition (RFC 6120 §8.3.3), or 'undefined-condition' when none was given. */
  readonly condition: string;
  readonly text: string | null;
}

/** Longest server-supplied error text we repeat to the user; the rest is noise or an attack on the layout. */
const MAX_ERROR_TEXT = 300;

// A Map, not an object literal: a condition named "constructor" must not find Object.prototype's.
const PLAIN_WORDS: ReadonlyMap<string, string> = new Map([
  ['bad-request', 'The server could not understand the request.'],
  ['conflict', 'The request conflicts with something that already exists.'],
  ['feature-not-implemented', 'The other side does not support this.'],
  ['forbidden', 'You are not allowed to do this.'],
  ['gone', 'The address no longer exists.'],
  ['internal-server-error', 'The server had an internal error.'],
  ['item-not-found', 'The address or item was not found.'],
  ['jid-malformed', 'The address is not valid.'],
  ['not-acceptable', 'The server refused the content.'],
  ['not-allowed', 'This is not allowed.'],
  ['not-authorized', 'You are not authorized to do this.'],
  ['policy-violation', 'The server refused it because of its policy (for example spam rules or size limits).'],
  ['recipient-unavailable', 'The recipient is not available right now.'],
  ['redirect', 'The recipient has moved to another address.'],
  ['registration-required', 'You need to register with that service first.'],
  ['remote-server-not-found', "The recipient's server could not be found."],
  ['remote-server-timeout', "The recipient's server did not answer in time."],
  ['resource-constraint', 'The server is too busy right now.'],
  ['service-unavailable', 'The recipient does not accept this (or does not exist).'],
  ['subscription-required', 'You need to be subscribed to the recipient first.'],
  ['undefined-condition', 'The message could not be delivered.'],
  ['unexpected-request', 'The request was not expected at this point.'],
]);

export function readStanzaError(stanza: Element): StanzaErrorDetails {
  const error = preferUntagged(clientChildren(stanza, 'error'));
  if (error === undefined) return { condition: 'undefined-condition', text: null };
  // RFC 6120 defines a closed set of conditions; anything else in that namespace is treated as undefined.
  const condition = error
    .getChildElements()
    .filter((child) => child.getNS() === NS.stanzas)
    .map((child) => child.getName())
    .find((name) => PLAIN_WORDS.has(name));
  const text = preferUntagged(error.getChildren('text', NS.stanzas))?.getText().trim() ?? '';
  return {
    condition: condition ?? 'undefined-condition',
    text: text.length === 0 ? null : text.slice(0, MAX_ERROR_TEXT),
  };
}

/** One sentence a person can read; the server's own text (quoted) is appended when it gave one. */
export function describeStanzaError(details: StanzaErrorDetails): string {
  const words = PLAIN_WORDS.get(details.condition) ?? 'The message could not be delivered.';
  return details.text === null ? words : `${words} The server said: "${details.text}"`;
}
