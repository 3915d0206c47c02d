/**
 * The session's events, typed. A listener that throws is reported and skipped: one feature's bug must not
 * stop the others from hearing about a stanza or a disconnect.
 */
import type { Element } from '@xmpp/xml';
import type { SessionStart } from './session-types.js';

export interface DisconnectedEvent {
  /** Why the connection ended; null when we closed it with close(). */
  readonly error: Error | null;
  /** True when open() on a new verified connection can resume this session (XEP-0198). */
  readonly resumable: boolean;
}

export interface SessionEventMap {
  /** A fresh session is online (first login, or after a resumption the server refused). */
  online: (start: Extract<SessionStart, { kind: 'bound' }>) => void;
  /** The session continued on a new connection: nothing was lost, nothing needs doing again. */
  resumed: (start: Extract<SessionStart, { kind: 'resumed' }>) => void;
  disconnected: (event: DisconnectedEvent) => void;
  /** Every incoming message and presence, and iq results/errors no request claimed. */
  stanza: (stanza: Element) => void;
  /** The server acknowledged one of our stanzas (XEP-0198). */
  acked: (stanza: Element) => void;
}

export class SessionEvents {
  readonly #listeners = new Map<keyof SessionEventMap, Set<unknown>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<E extends keyof SessionEventMap>(event: E, listener: SessionEventMap[E]): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<E extends keyof SessionEventMap>(event: E, ...args: Parameters<SessionEventMap[E]>): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (...a: Parameters<SessionEventMap[E]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
