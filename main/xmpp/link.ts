/**
 * What the chat features (roster, presence, messages, archive...) need from an online XMPP session, and
 * nothing more. The session implements it over xmpp.js; the features are written and unit-tested against
 * this interface, so neither depends on the other's internals.
 */
import type { Element } from '@xmpp/xml';

export interface XmppLink {
  /** Our full JID as bound by the server (local@domain/resource). */
  readonly jid: string;
  /** Sends one stanza (queued by stream management while the stream is resuming). */
  send(stanza: Element): Promise<void>;
  /**
   * Sends an `<iq type='get'|'set'>` (an `id` is added when missing) and resolves with the `<iq type='result'>`.
   * Rejects with StanzaError for `type='error'`, and with a timeout error after `timeoutMs` (default 30 s).
   */
  request(iq: Element, timeoutMs?: number): Promise<Element>;
  /** Every incoming `<message>` and `<presence>`, and iqs of type result/error that no request claimed. */
  onStanza(listener: (stanza: Element) => void): () => void;
  /**
   * Answers incoming `<iq type=...>` whose first child is `<name xmlns=xmlns>`. The handler returns the child
   * for the result (or null for an empty result); throwing a StanzaError answers with that error.
   * Unhandled iq get/set are answered `service-unavailable` by the session.
   */
  handleIq(type: 'get' | 'set', xmlns: string, name: string, handler: (iq: Element) => Element | null | Promise<Element | null>): () => void;
}

/** An XMPP error answer (RFC 6120 §8.3): the condition and optional text, for plain-words messages. */
export class StanzaError extends Error {
  override name = 'StanzaError';
  constructor(
    readonly condition: string,
    readonly errorType: 'auth' | 'cancel' | 'continue' | 'modify' | 'wait',
    readonly text: string | null = null,
    readonly stanza: Element | null = null,
  ) {
    super(text ? `${condition}: ${text}` : condition);
  }
}
