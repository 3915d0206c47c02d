/**
 * Our outstanding `<iq type='get'|'set'>` requests, kept by the session rather than by one stream so that a
 * request sent before a connection drop is still answered after stream management resumes the session.
 *
 * A response is claimed only when its `from` is the entity we asked (RFC 6120 §8.1.2.1 / §10.1): an `id`
 * alone is not proof, since anyone can send us an iq with a guessed id.
 */
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { RequestTimeoutError } from '../errors.js';
import { stanzaErrorOf } from './stanza-error.js';

interface Pending {
  readonly to: string | null;
  readonly resolve: (result: Element) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface OwnAddress {
  /** Our bare JID (local@domain) and our server's domain, canonical (app/domain/address). */
  readonly bare: string;
  readonly domain: string;
}

export class PendingRequests {
  readonly #pending = new Map<string, Pending>();

  /** Adds an id when the iq has none, and waits for the matching answer (or the timeout). */
  track(iq: Element, timeoutMs: number): Promise<Element> {
    const id = iq.attrs.id || randomUUID();
    iq.attrs.id = id;
    const to = iq.attrs.to ?? null;
    return new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RequestTimeoutError(describeRequest(iq), timeoutMs));
      }, timeoutMs);
      this.#pending.set(id, { to, resolve, reject, timer });
    });
  }

  /** Settles the request this iq result/error answers; false when it answers none of ours. */
  claim(stanza: Element, own: OwnAddress): boolean {
    const type = stanza.attrs.type;
    if (stanza.name !== 'iq' || (type !== 'result' && type !== 'error')) return false;
    const id = stanza.attrs.id;
    if (!id) return false;
    const pending = this.#pending.get(id);
    if (!pending || !fromMatches(stanza.attrs.from, pending.to, own)) return false;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if (type === 'result') pending.resolve(stanza);
    else pending.reject(stanzaErrorOf(stanza));
    return true;
  }

  /** Fails one request (its stanza could not be sent). */
  fail(id: string, error: Error): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  /** Fails every request: the session ended and no answer can come any more. */
  failAll(error: Error): void {
    for (const id of [...this.#pending.keys()]) this.fail(id, error);
  }

  get size(): number {
    return this.#pending.size;
  }
}

/**
 * A request to another entity must be answered by that entity. A request without `to` goes to our own
 * account, which the server answers either without `from`, from our bare JID, or from its domain.
 */
function fromMatches(from: string | undefined, to: string | null, own: OwnAddress): boolean {
  // Canonical forms, so "Bücher.test" and "xn--bcher-kva.test" are one sender; an unparsable `from` never matches.
  const sender = from === undefined ? null : (jidOrNull(from)?.full ?? '\u0000unparsable');
  if (to === null) return sender === null || sender === own.bare || sender === own.domain;
  const target = jidOrNull(to)?.full ?? to;
  // Asking our own bare JID may also be answered without `from` (the server speaking for the account).
  if (target === own.bare && sender === null) return true;
  return sender === target;
}

function describeRequest(iq: Element): string {
  const child = iq.getChildElements()[0];
  return child ? `${child.name} (${child.getNS() ?? 'no namespace'})` : 'iq';
}
