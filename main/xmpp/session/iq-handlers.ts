/**
 * The session's answers to incoming `<iq type='get'|'set'>`, registered by the chat features through
 * XmppLink.handleIq. Kept by the session (not by one stream) so a handler survives reconnects and resumption.
 * The reply framing (single-child check, result/error envelope, `service-unavailable` for anything nobody
 * handles) is @xmpp/iq/callee's; this table only finds the handler and turns its outcome into a reply body.
 */
import type { Element } from '@xmpp/xml';
import { StanzaError } from '../link.js';
import { errorElement } from './stanza-error.js';

export type IqHandler = (iq: Element) => Element | null | Promise<Element | null>;

/** @xmpp/iq/callee answers a truthy non-element reply with an empty result. */
const EMPTY_RESULT = Object.freeze({});

export const NS_PING = 'urn:xmpp:ping';

interface Entry {
  readonly type: 'get' | 'set';
  readonly xmlns: string;
  readonly name: string;
  readonly handler: IqHandler;
}

export class IqHandlers {
  readonly #entries: Entry[] = [];

  constructor() {
    // XEP-0199: answering a ping is part of being online, not a feature anyone has to remember to add.
    this.add('get', NS_PING, 'ping', () => null);
  }

  add(type: 'get' | 'set', xmlns: string, name: string, handler: IqHandler): () => void {
    const entry: Entry = { type, xmlns, name, handler };
    // The newest registration wins, so a feature can override a built-in answer.
    this.#entries.unshift(entry);
    return () => {
      const index = this.#entries.indexOf(entry);
      if (index >= 0) this.#entries.splice(index, 1);
    };
  }

  find(type: string, child: Element): IqHandler | null {
    return this.#entries.find((e) => e.type === type && child.is(e.name, e.xmlns))?.handler ?? null;
  }

  /**
   * Runs a handler and returns what @xmpp/iq/callee turns into the reply: the result child, the empty-result
   * marker, or an `<error/>`. A handler that throws something other than StanzaError is a bug on our side:
   * the requester gets `internal-server-error` and no detail of it.
   */
  static async run(handler: IqHandler, iq: Element): Promise<Element | object> {
    try {
      const child = await handler(iq);
      return child ?? EMPTY_RESULT;
    } catch (error) {
      const stanzaError = error instanceof StanzaError ? error : new StanzaError('internal-server-error', 'cancel');
      return errorElement(stanzaError);
    }
  }
}

