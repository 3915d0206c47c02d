/** The state of one connection's stream inside a session (session-stream.ts creates it). */
import type { TLSSocket } from 'node:tls';
import type { StreamManagement } from '@xmpp/stream-management';
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { ChannelBindingType } from '../sasl/channel-binding.js';
import type { MechanismName } from '../sasl/mechanism.js';
import type { MechanismWarning } from '../sasl/select.js';
import type { Keepalive } from './keepalive.js';
import type { NotResumed, ResumeState } from './resume-state.js';
import type { SessionClient } from './session-client.js';
import type { SessionStart } from './session-types.js';

export type Phase = 'start' | 'authenticated' | 'bound' | 'resumed';

export type NegotiationOutcome = { readonly ok: true; readonly start: SessionStart } | { readonly ok: false; readonly error: Error };

export interface Stream {
  readonly entity: SessionClient;
  readonly sm: StreamManagement;
  readonly socket: TLSSocket;
  /** host:port, for messages. */
  readonly label: string;
  /** How this connection's server was verified (its own verdict): decides whether PLAIN may be used on it. */
  readonly serverProof: TrustMethod;
  /** DER of the certificate that was verified for this connection (tls-server-end-point hashes it), or null. */
  readonly serverCertificate: Uint8Array | null;
  phase: Phase;
  mechanism: MechanismName | null;
  /** The channel-binding type of a `-PLUS` login on this stream, else null. */
  channelBinding: ChannelBindingType | null;
  warning: MechanismWarning | null;
  /** The resumption asked for on this stream, until it succeeds or fails. */
  resume: ResumeState | null;
  notResumed: NotResumed | null;
  resent: number;
  /**
   * XEP-0198 on a stream that bound afresh: 'asked' once our <enable/> is written (the session goes online then,
   * without waiting for the answer), 'on' once the server answered <enabled/>, 'refused' when it answered
   * <failed/> (the stream carries on without acknowledgements); null when stream management was not offered
   * or the stream was resumed.
   */
  acks: 'asked' | 'on' | 'refused' | null;
  /** The first thing that went wrong; the reason given when the stream ends. */
  error: Error | null;
  closedByUs: boolean;
  keepalive: Keepalive | null;
  /** Settles open()'s promise; null once settled (the stream is then online, or over). */
  settle: ((outcome: NegotiationOutcome) => void) | null;
}
