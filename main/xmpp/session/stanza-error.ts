/**
 * Reading and writing stanza errors (RFC 6120 §8.3): `<error type='…'><condition xmlns='…stanzas'/><text/></error>`.
 */
import xml, { type Element } from '@xmpp/xml';
import { StanzaError } from '../link.js';

export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

const ERROR_TYPES: ReadonlySet<string> = new Set(['auth', 'cancel', 'continue', 'modify', 'wait']);

/** The StanzaError an `<iq type='error'>` (or any errored stanza) carries; a missing `<error/>` reads as undefined-condition. */
export function stanzaErrorOf(stanza: Element): StanzaError {
  const error = stanza.getChild('error');
  const condition = error?.getChildElements().find((child) => child.getNS() === NS_STANZAS && child.name !== 'text')?.name ?? 'undefined-condition';
  const type = error?.attrs.type;
  const text = error?.getChildText('text', NS_STANZAS)?.trim() || null;
  return new StanzaError(condition, type !== undefined && ERROR_TYPES.has(type) ? (type as StanzaError['errorType']) : 'cancel', text, stanza);
}

/** The `<error/>` child for an answer. */
export function errorElement(error: StanzaError): Element {
  const element = xml('error', { type: error.errorType }, xml(error.condition, { xmlns: NS_STANZAS }));
  if (error.text) element.append(xml('text', { xmlns: NS_STANZAS }, error.text));
  return element;
}
