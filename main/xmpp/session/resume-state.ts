/**
 * What XEP-0198 stream management needs to resume a session on a new connection, as plain data the
 * controller can keep between connections: the server's SM-ID, both counters, and the stanzas we sent that
 * the server has not yet acknowledged (in order; they are resent once on resumption, or handed back when the
 * server cannot resume).
 */
import type { Element } from '@xmpp/xml';

export interface UnackedStanza {
  readonly stanza: Element;
  /** When it was first queued (XEP-0082): a message resent later carries it as its <delay/> stamp. */
  readonly stamp: string;
}

export interface ResumeState {
  /** The SM-ID the server gave in <enabled resume='true'/>. */
  readonly id: string;
  /** The full JID of the session being resumed. */
  readonly jid: string;
  /** How many stanzas we handled from the server: the `h` we send in <resume/>. */
  readonly inbound: number;
  /** How many of our stanzas the server acknowledged so far. */
  readonly outbound: number;
  readonly unacked: readonly UnackedStanza[];
}

/** Stanzas the server cannot be shown to have received, because the session was not resumed. */
export interface NotResumed {
  readonly reason: string;
  readonly unacked: readonly Element[];
}
