/**
 * OnlineSession.takeUnacknowledged's memory: each of our stanza ids that the server cannot be shown to have
 * received is reported once (the outgoing queue sends each again, and asking twice must not send twice),
 * and the stanzas a refused resumption handed back are reported before anything else.
 */
import type { Element } from '@xmpp/xml';
import type { SessionStart } from './session-types.js';

export class UnacknowledgedReport {
  #reported = new Set<string>();
  /** Handed back by a resumption the server refused, until taken. */
  #handedBack: string[] = [];

  /** A stream went online: a new stream may lose stanzas again, and a refused resumption hands some back. */
  online(start: SessionStart): void {
    this.#reported = new Set();
    if (start.kind === 'bound') this.#handedBack = idsOf(start.notResumed?.unacked ?? []);
  }

  /**
   * The ids not reported yet: those handed back, else (unless the session may still be resumed, which would
   * resend them itself) those the session holds unacknowledged.
   */
  take(resumable: boolean, unacknowledged: () => readonly Element[]): string[] {
    const ids = this.#handedBack.length > 0 ? this.#handedBack : resumable ? [] : idsOf(unacknowledged());
    this.#handedBack = [];
    const fresh = ids.filter((id) => !this.#reported.has(id));
    for (const id of fresh) this.#reported.add(id);
    return fresh;
  }
}

function idsOf(stanzas: readonly Element[]): string[] {
  return stanzas.map((s) => s.attrs.id).filter((id): id is string => typeof id === 'string');
}
