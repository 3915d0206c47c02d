/**
 * One connection's stream inside a session: the xmpp.js entity and its stream management over one verified
 * TLS socket, how far its negotiation got, and the first thing that went wrong. The session (xmpp-session.ts)
 * outlives its streams and decides what each event means; each new connection gets a new stream.
 */
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { TLSSocket } from 'node:tls';
import type { Next } from '@xmpp/middleware';
import xml, { type Element } from '@xmpp/xml';
import { ConnectionLostError, SessionTimeoutError } from '../errors.js';
import { NS_PING, type IqHandlers } from './iq-handlers.js';
import type { PendingRequests } from './iq-requests.js';
import { Keepalive } from './keepalive.js';
import { seedResume } from './resume-bookkeeping.js';
import type { ResumeState } from './resume-state.js';
import { composeStream } from './session-client.js';
import type { SessionTimeouts } from './session-types.js';
import type { Stream } from './stream-state.js';

const NS_SM = 'urn:xmpp:sm:3';
const STANZAS = new Set(['message', 'presence', 'iq']);

/** What the session does at each point of a stream's life. */
export interface StreamHooks {
  onFeatures(stream: Stream, round: Next): Promise<void>;
  authenticate(stream: Stream, mechanisms: Element, features: Element): Promise<void>;
  bind(stream: Stream, features: Element): Promise<void>;
  /** Our XEP-0198 <enable/> was written after binding: nothing the user needs waits for its answer. */
  enableSent(stream: Stream): void;
  /** No answer to <enable/> within the stream timeout: the stream carries on as one without stream management. */
  enableUnanswered(stream: Stream): void;
  /** True when the stanza answered one of our requests (and is consumed). */
  claim(stanza: Element): boolean;
  readonly iqHandlers: IqHandlers;
  deliver(stanza: Element): void;
  acked(stanza: Element): void;
  /** The server answered <resume/> with <failed/>. */
  resumeRefused(stream: Stream, failed: Element): void;
  /** xmpp.js reported a failure (not yet mapped to our errors). */
  failed(stream: Stream, error: unknown): void;
  /** The socket closed. */
  ended(stream: Stream): void;
}

export function createStream(
  socket: TLSSocket,
  label: string,
  resume: ResumeState | null,
  options: { readonly domain: string; readonly timeoutMs: number; readonly serverProof: TrustMethod; readonly serverCertificate: Uint8Array | null },
  hooks: StreamHooks,
): Stream {
  const roles = {
    onFeatures: (round: Next) => hooks.onFeatures(stream, round),
    authenticate: (mechanisms: Element, features: Element) => hooks.authenticate(stream, mechanisms, features),
    bind: (features: Element) => hooks.bind(stream, features),
    claim: (stanza: Element) => hooks.claim(stanza),
    iqHandlers: hooks.iqHandlers,
    deliver: (stanza: Element) => hooks.deliver(stanza),
    authenticated: () => stream.phase !== 'start',
  };
  const { entity, sm } = composeStream(socket, { domain: options.domain, timeoutMs: options.timeoutMs }, roles);
  const stream: Stream = {
    entity,
    sm,
    socket,
    label,
    serverProof: options.serverProof,
    serverCertificate: options.serverCertificate,
    phase: 'start',
    mechanism: null,
    channelBinding: null,
    warning: null,
    resume,
    notResumed: null,
    resent: 0,
    acks: null,
    error: null,
    closedByUs: false,
    keepalive: null,
    settle: null,
  };
  // Our Keepalive replaces xmpp.js's idle <r/> and its ack timeout, which closes the stream gracefully and
  // so would end a session that could have been resumed. Its <r/> shortly after each send stays.
  sm.requestAckInterval = 0;
  sm.timeout = 0;
  // Every byte counts as a sign of life. (Attached in the same tick as xmpp.js's own data listener, in
  // open(): no chunk can be emitted in between.)
  socket.on('data', () => stream.keepalive?.activity());
  if (resume) seedResume(sm, entity, resume);

  sm.on('ack', (stanza: Element) => hooks.acked(stanza));
  sm.on('resumed', () => {
    stream.phase = 'resumed';
    stream.resent = sm.outbound_q.length;
  });
  sm.on('fail', (stanza: Element) => {
    if (!stream.notResumed) return;
    stream.notResumed = { ...stream.notResumed, unacked: [...stream.notResumed.unacked, stanza] };
  });
  // A server that never answers <enable/> would leave every message we send unconfirmed for as long as the
  // stream lasts; after xmpp.js's own stream timeout it is taken as a refusal (written is then all there is).
  let enableWait: NodeJS.Timeout | null = null;
  const stopEnableWait = (): void => {
    if (enableWait) clearTimeout(enableWait);
    enableWait = null;
  };
  entity.on('nonza', (element: Element) => {
    if (element.is('failed', NS_SM) && stream.resume && stream.phase === 'authenticated') hooks.resumeRefused(stream, element);
    if ((element.is('enabled', NS_SM) || element.is('failed', NS_SM)) && stream.acks === 'asked') stopEnableWait();
    if (element.is('enabled', NS_SM) && stream.acks === 'asked') {
      // xmpp.js takes the SM-ID from it a moment later (its own listener); a drop reads it from there.
      stream.acks = 'on';
      // Stanzas sent while the answer travelled: xmpp.js's ask for their ack (shortly after each send) goes
      // nowhere until stream management is on, so ask now rather than at the next send or keep-alive.
      if (sm.outbound_q.length > 0) entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined);
    }
  });
  // After the middleware's listener (registered in composeStream), so xmpp.js has counted the stanza already.
  entity.on('send', (element: Element) => {
    if (element.is('enable', NS_SM)) {
      stream.acks = 'asked';
      enableWait = setTimeout(() => {
        enableWait = null;
        if (stream.acks === 'asked') hooks.enableUnanswered(stream);
      }, options.timeoutMs);
      hooks.enableSent(stream);
    } else if (stream.acks === 'refused' && STANZAS.has(element.name)) {
      // No stream management on this stream after all: written is all the certainty there is (resume-bookkeeping.ts).
      hooks.acked(element);
    }
  });
  entity.on('error', (error: unknown) => hooks.failed(stream, error));
  entity.on('status', (status: string) => {
    if (status === 'closing' && !stream.closedByUs) {
      // xmpp.js closes by itself only after a stream error or malformed XML, whose error is already recorded.
      stream.error ??= new ConnectionLostError('the stream was closed');
    } else if (status === 'close' && !stream.closedByUs) {
      // The server closed its stream (</stream:stream>): close ours too and let the socket end.
      stream.error ??= new ConnectionLostError('the server closed the stream');
      if (!socket.destroyed) socket.end('</stream:stream>');
    }
  });
  entity.on('disconnect', () => {
    stopEnableWait();
    hooks.ended(stream);
  });
  return stream;
}

/**
 * Probes a silent server: an SM <r/>, or without stream management an XEP-0199 ping to `domain` (tracked so
 * its answer, even an error, is claimed rather than delivered: any answer proves the server is there).
 */
export function startKeepalive(
  stream: Stream,
  timeouts: Pick<SessionTimeouts, 'keepaliveIdleMs' | 'keepaliveAnswerMs'>,
  domain: string,
  requests: Pick<PendingRequests, 'track'>,
  onDead: (error: Error) => void,
): Keepalive {
  const answerMs = timeouts.keepaliveAnswerMs;
  return new Keepalive({
    idleMs: timeouts.keepaliveIdleMs,
    answerMs,
    probe: () => {
      if (stream.sm.enabled) {
        stream.entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined);
        return;
      }
      const ping = xml('iq', { type: 'get', to: domain }, xml('ping', { xmlns: NS_PING }));
      requests.track(ping, answerMs).catch(() => undefined);
      stream.entity.send(ping).catch(() => undefined);
    },
    onDead: () => onDead(new SessionTimeoutError('answer a keep-alive check', answerMs)),
  });
}

/** Closes the stream politely (bounded by xmpp.js's stream timeout), then the socket. */
export async function closeStream(stream: Stream): Promise<void> {
  stream.closedByUs = true;
  stream.settle?.({ ok: false, error: new ConnectionLostError('the session was closed') });
  try {
    await stream.entity.disconnect();
  } catch {
    // Closing is best effort; the socket is destroyed below either way.
  } finally {
    stream.socket.destroy();
  }
}
