/**
 * Logging in on one stream: the <stream:features> rounds of RFC 6120 (SASL first, then XEP-0198 resumption
 * or resource binding), bounded by the negotiation timeout. How each round ends goes back to the session
 * through LoginDeps; only the session changes its own state.
 */
import { TLSSocket } from 'node:tls';
import type { Next } from '@xmpp/middleware';
import type { Element } from '@xmpp/xml';
import { SessionProtocolError, SessionTimeoutError, TlsRequiredError } from '../errors.js';
import type { MechanismName } from '../sasl/mechanism.js';
import { ADOPTED_SERVICE } from './adopted-transport.js';
import type { PendingRequests } from './iq-requests.js';
import { bindResource, establishSession, sessionRequired } from './resource-binding.js';
import { saslChannel } from './sasl-channel.js';
import { tlsChannel } from '../sasl/channel-binding.js';
import { authenticate, declaredChannelBindings } from './sasl-negotiation.js';
import { asError } from './session-errors.js';
import type { SessionConfig, SessionStart, SessionTimeouts } from './session-types.js';
import type { Stream } from './stream-state.js';

const NS_PRE_APPROVAL = 'urn:xmpp:features:pre-approval';

export interface LoginDeps {
  readonly config: SessionConfig;
  readonly timeouts: SessionTimeouts;
  readonly requests: PendingRequests;
  /** The mechanism of the session's last login: a new login may not fall below it. */
  lastMechanism(): MechanismName | null;
  /** A resumption was asked for, but the server no longer offers stream management. */
  resumeUnavailable(stream: Stream): void;
  /** The server bound this full JID; `preApproval` as its post-login features said. */
  bound(jid: string, preApproval: boolean): void;
  /** The stream reached 'bound' or 'resumed'. */
  online(stream: Stream): void;
  /** The server answered <enable/> with <failed/>, after the session went online on the stream. */
  enableRefused(stream: Stream): void;
  failed(stream: Stream, error: Error): void;
  /** xmpp.js's failures as our typed errors (session-errors.ts). */
  toError(error: unknown): Error;
}

/** Checked at run time: the type says TLSSocket, but nothing weaker may ever carry a credential. */
export function isEncrypted(socket: unknown): boolean {
  return socket instanceof TLSSocket && socket.encrypted === true;
}

/** Opens the stream; settles once online or at the first failure, and fails it after the negotiation timeout. */
export function negotiate(stream: Stream, deps: LoginDeps): Promise<SessionStart> {
  return new Promise<SessionStart>((resolve, reject) => {
    const timer = setTimeout(
      () => deps.failed(stream, new SessionTimeoutError('finish logging in', deps.timeouts.negotiationMs)),
      deps.timeouts.negotiationMs,
    );
    stream.settle = (outcome) => {
      stream.settle = null;
      clearTimeout(timer);
      if (outcome.ok) resolve(outcome.start);
      else reject(outcome.error);
    };
    const { entity } = stream;
    entity
      .connect(ADOPTED_SERVICE)
      .then(() => entity.open({ domain: deps.config.domain, lang: 'en' }))
      .catch((error: unknown) => deps.failed(stream, deps.toError(error)));
  });
}

/** One <stream:features> round: the handlers ran (or threw); decide what that means. */
export async function featuresRound(stream: Stream, round: Next, deps: LoginDeps): Promise<void> {
  const before = stream.phase;
  try {
    await round();
  } catch (error) {
    deps.failed(stream, deps.toError(error));
    return;
  }
  if (stream.settle === null) {
    // Online already (since <enable/> went out): this round ended with the server's answer to it.
    if (stream.acks === 'asked' && !stream.sm.enabled) deps.enableRefused(stream);
    return;
  }
  if (stream.phase === 'bound' || stream.phase === 'resumed') {
    deps.online(stream);
  } else if (stream.phase === before) {
    deps.failed(stream, new SessionProtocolError(before === 'start' ? 'it offered no way to log in' : 'it offered no resource binding after login'));
  }
  // 'authenticated': the stream restarted; the next features round continues.
}

export async function authenticateStream(stream: Stream, mechanisms: Element, features: Element, deps: LoginDeps): Promise<void> {
  if (stream.phase !== 'start') throw new SessionProtocolError('it asked for a second login on the same stream');
  // The last line before a credential leaves: never on anything but encrypted TLS.
  if (!isEncrypted(stream.socket)) throw new TlsRequiredError(stream.label);
  const channel = saslChannel(stream.entity);
  try {
    const outcome = await authenticate(
      channel,
      {
        mechanisms,
        credentials: deps.config.credentials,
        serverProof: stream.serverProof,
        previousMechanism: deps.lastMechanism() ?? deps.config.previousMechanism,
        channelBindings: declaredChannelBindings(features, mechanisms),
        // The same socket that was verified: binding data comes from the connection the password goes over.
        tls: tlsChannel(stream.socket, stream.serverCertificate),
      },
      deps.config.saslPolicy,
    );
    stream.mechanism = outcome.mechanism;
    stream.channelBinding = outcome.channelBinding;
    stream.warning = outcome.warning;
    stream.phase = 'authenticated';
  } finally {
    channel.close();
  }
  await stream.entity.restart();
}

export async function bindStream(stream: Stream, features: Element, deps: LoginDeps): Promise<void> {
  if (stream.phase !== 'authenticated') throw new SessionProtocolError('it offered resource binding before login');
  if (stream.resume) deps.resumeUnavailable(stream);
  const requester = (iq: Element) => {
    const answer = deps.requests.track(iq, deps.timeouts.negotiationMs);
    stream.entity.send(iq).catch((error: unknown) => deps.requests.fail(iq.attrs.id ?? '', asError(error)));
    return answer;
  };
  const jid = await bindResource(requester, deps.config.resource, deps.config.domain);
  stream.entity._jid(jid);
  deps.bound(jid, features.getChild('sub', NS_PRE_APPROVAL) !== undefined);
  if (sessionRequired(features)) await establishSession(requester);
  stream.phase = 'bound';
}
