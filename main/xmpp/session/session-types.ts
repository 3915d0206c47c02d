/** What a session is configured with, and what it reports when it goes online (xmpp-session.ts). */
import type { MechanismName, SaslCredentials } from '../sasl/mechanism.js';
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { MechanismWarning, RememberedMechanism } from '../sasl/select.js';
import type { SecuredConnection } from '../secure-connect.js';
import type { NotResumed, ResumeState } from './resume-state.js';
import type { SaslPolicy } from './sasl-negotiation.js';

export interface SessionTimeouts {
  /** From our stream header to online (SASL, bind, SM). */
  readonly negotiationMs: number;
  /** xmpp.js's wait for each stream open, restart and close. */
  readonly streamMs: number;
  /** Default for request() (XmppLink says 30 s). */
  readonly requestMs: number;
  /** Probe the server (SM <r/>, or a ping) after this long without a byte from it. */
  readonly keepaliveIdleMs: number;
  /** Declare the connection dead when nothing arrives this long after a probe. */
  readonly keepaliveAnswerMs: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = {
  negotiationMs: 30_000,
  streamMs: 10_000,
  requestMs: 30_000,
  keepaliveIdleMs: 30_000,
  keepaliveAnswerMs: 30_000,
};

export interface SessionConfig {
  /** The JID domain (A-label). */
  readonly domain: string;
  readonly credentials: SaslCredentials;
  readonly resource: string;
  /** The mechanism this account last logged in with (or 'scram-required'), to refuse a downgrade to PLAIN. */
  readonly previousMechanism: RememberedMechanism | null;
  readonly timeouts?: Partial<SessionTimeouts>;
  /** Clock for <delay/> stamps of stanzas held while disconnected. */
  readonly now?: () => Date;
  /** Where a listener's exception goes (it never breaks the session). Default: console.error. */
  readonly onListenerError?: (error: unknown) => void;
  /** Mechanism choice and exchange factory; defaults to main/xmpp/sasl. */
  readonly saslPolicy?: SaslPolicy;
}

export interface OpenRequest {
  /** A connection from connectVerified() on which nothing was sent after the TLS handshake. */
  readonly connection: SecuredConnection;
  /**
   * The method of this connection's verified verdict. Only a verified verdict has one, so a caller cannot
   * open a session on an unverified connection by mistake, and 'accepted-once' (the user's one-time approval)
   * stays distinguishable from a proof: PLAIN is used only after 'pkix', 'posh' or 'pin'.
   */
  readonly serverProof: TrustMethod;
  /** State to resume (XEP-0198); defaults to this session's own state after a drop. */
  readonly streamManagement?: ResumeState | null;
}

interface StartBase {
  readonly jid: string;
  readonly mechanism: MechanismName;
  readonly mechanismWarning: MechanismWarning | null;
}

export type SessionStart =
  | (StartBase & {
      readonly kind: 'bound';
      /**
       * Whether XEP-0198 was asked for on this stream (with resumption). The session goes online once <enable/>
       * is sent, so the server's answer comes after; a refusal leaves the stream working without it.
       */
      readonly streamManagement: boolean;
      /** Set when a resumption was asked for and the server could not resume. */
      readonly notResumed: NotResumed | null;
    })
  | (StartBase & { readonly kind: 'resumed'; readonly resent: number });

export type SessionStatus = 'idle' | 'negotiating' | 'online' | 'detached' | 'closed';
