/**
 * A stand-in for the online session, for the chat features' unit tests. It records what a feature sends
 * (serialised and parsed back, so escaping is exercised exactly as on the wire), lets a test deliver
 * incoming stanzas written as XML text (parsed inside a jabber:client stream, as the session parses them),
 * and holds each iq request until the test answers it.
 */
import { Parser, type Element } from '@xmpp/xml';
import { StanzaError, type XmppLink } from '../../../../main/xmpp/link.js';

const STREAM_OPEN = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

/** Parses stanzas the way the session does: as children of a jabber:client stream. */
export function parseStanzas(text: string): Element[] {
  const parser = new Parser();
  const elements: Element[] = [];
  const errors: Error[] = [];
  parser.on('element', (element) => elements.push(element));
  parser.on('error', (error) => errors.push(error));
  parser.write(STREAM_OPEN + text);
  if (errors.length > 0) throw errors[0];
  return elements;
}

export function parseStanza(text: string): Element {
  const [element, ...rest] = parseStanzas(text);
  if (element === undefined || rest.length > 0) throw new Error(`expected one stanza in ${text}`);
  return element;
}

/** What goes over the wire: the element serialised, then read back by a parser. */
export function onTheWire(element: Element): Element {
  return parseStanza(element.toString());
}

export interface HeldRequest {
  readonly iq: Element;
  result(text?: string): void;
  /** Rejects with a StanzaError (the answer was an error) or any other error (a timeout, a closed stream). */
  fail(error: Error): void;
}

export type IqOutcome =
  | { readonly kind: 'result'; readonly child: Element | null }
  | { readonly kind: 'error'; readonly error: StanzaError }
  | { readonly kind: 'unhandled' };

interface IqHandler {
  readonly type: 'get' | 'set';
  readonly xmlns: string;
  readonly name: string;
  readonly handler: (iq: Element) => Element | null | Promise<Element | null>;
}

export class FakeLink implements XmppLink {
  readonly sent: Element[] = [];
  readonly requests: HeldRequest[] = [];
  readonly #listeners = new Set<(stanza: Element) => void>();
  readonly #handlers: IqHandler[] = [];
  #nextId = 0;
  /** When set, send() rejects with it (a broken stream). */
  sendFailure: Error | null = null;

  constructor(readonly jid = 'alice@example.org/desk') {}

  async send(stanza: Element): Promise<void> {
    if (this.sendFailure !== null) throw this.sendFailure;
    this.sent.push(onTheWire(stanza));
  }

  request(iq: Element): Promise<Element> {
    if (iq.attrs.id === undefined) iq.attrs.id = `req-${++this.#nextId}`;
    const wire = onTheWire(iq);
    return new Promise((resolve, reject) => {
      this.requests.push({
        iq: wire,
        result: (text) => resolve(parseStanza(text ?? `<iq type='result' id='${wire.attrs.id}'/>`)),
        fail: reject,
      });
    });
  }

  onStanza(listener: (stanza: Element) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  handleIq(type: 'get' | 'set', xmlns: string, name: string, handler: IqHandler['handler']): () => void {
    const entry: IqHandler = { type, xmlns, name, handler };
    this.#handlers.unshift(entry);
    return () => {
      const index = this.#handlers.indexOf(entry);
      if (index >= 0) this.#handlers.splice(index, 1);
    };
  }

  /** Delivers incoming stanzas (XML text) to every listener, synchronously, as the session does. */
  receive(text: string): void {
    for (const stanza of parseStanzas(text)) for (const listener of [...this.#listeners]) listener(stanza);
  }

  /** Delivers an incoming iq get/set to the handler registered for its first child, and reports the answer. */
  async receiveIq(text: string): Promise<IqOutcome> {
    const iq = parseStanza(text);
    const [child] = iq.getChildElements();
    const entry = this.#handlers.find((h) => h.type === iq.attrs.type && child !== undefined && child.is(h.name, h.xmlns));
    if (entry === undefined) return { kind: 'unhandled' };
    try {
      const answer = await entry.handler(iq);
      return { kind: 'result', child: answer === null ? null : onTheWire(answer) };
    } catch (error) {
      if (error instanceof StanzaError) return { kind: 'error', error };
      throw error;
    }
  }

  lastRequest(): HeldRequest {
    const request = this.requests.at(-1);
    if (request === undefined) throw new Error('no request was made');
    return request;
  }

  lastSent(): Element {
    const stanza = this.sent.at(-1);
    if (stanza === undefined) throw new Error('nothing was sent');
    return stanza;
  }

  listenerCount(): number {
    return this.#listeners.size;
  }

  handlerCount(): number {
    return this.#handlers.length;
  }
}

/** A clock that stands still unless the test moves it. */
export function fixedClock(iso = '2024-05-01T12:00:00.000Z'): { now: () => Date; set(iso: string): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
  };
}

/** Predictable ids: id-1, id-2, ... */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** Lets already-resolved promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
