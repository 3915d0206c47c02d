/**
 * An XMPP session from a verified TLS socket to online, across reconnects: SASL (our own exchange, server
 * signature checked), resource binding, XEP-0198 stream management (enable, acks, resume on a new verified
 * connection), iq requests and answers, and a built-in XEP-0199 ping answer.
 *
 * One XmppSession outlives its connections: listeners, iq handlers and pending requests are the session's,
 * and each connection gets its own xmpp.js stream (session-client.ts). After a drop the controller verifies
 * a NEW connection (posh.md §7.6) and calls open() again; the session then resumes if the server allows it,
 * or binds afresh and says which of our stanzas were never acknowledged.
 *
 * Security boundary: open() refuses any socket that is not encrypted TLS (TlsRequiredError), and it is the
 * caller's job, stated by `tlsVerified: true`, to call it only after the verdict was verified or the user
 * decided. Nothing here dials, follows a redirect (see-other-host, SM `location`) or retries a login.
 */
import { TLSSocket } from 'node:tls';
import type { Next } from '@xmpp/middleware';
import type { StreamManagement } from '@xmpp/stream-management';
import xml, { type Element } from '@xmpp/xml';
import { ConnectionLostError, NotConnectedError, SessionProtocolError, SessionTimeoutError, StreamError, TlsRequiredError } from '../errors.js';
import type { XmppLink } from '../link.js';
import type { MechanismName, SaslCredentials } from '../sasl/mechanism.js';
import type { MechanismWarning } from '../sasl/select.js';
import { endpointLabel, type SecuredConnection } from '../secure-connect.js';
import { ADOPTED_SERVICE } from './adopted-transport.js';
import { IqHandlers, NS_PING, type IqHandler } from './iq-handlers.js';
import { PendingRequests } from './iq-requests.js';
import { Keepalive } from './keepalive.js';
import { bindResource, establishSession, sessionRequired } from './resource-binding.js';
import type { NotResumed, ResumeState, UnackedStanza } from './resume-state.js';
import { authenticate, NS_SASL, type SaslChannel, type SaslPolicy } from './sasl-negotiation.js';
import { composeStream, type SessionClient } from './session-client.js';
import { SessionEvents, type SessionEventMap } from './session-events.js';

export type { DisconnectedEvent, SessionEventMap } from './session-events.js';

const NS_SM = 'urn:xmpp:sm:3';
const NS_PRE_APPROVAL = 'urn:xmpp:features:pre-approval';

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
  /** The mechanism this account last logged in with, to refuse a downgrade to PLAIN. */
  readonly previousMechanism: MechanismName | null;
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
  /** The caller's statement that the verdict was verified or the user decided (PLAIN depends on it). */
  readonly tlsVerified: true;
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
      /** Whether XEP-0198 is on (with resumption) for this stream. */
      readonly streamManagement: boolean;
      /** Set when a resumption was asked for and the server could not resume. */
      readonly notResumed: NotResumed | null;
    })
  | (StartBase & { readonly kind: 'resumed'; readonly resent: number });

export type SessionStatus = 'idle' | 'negotiating' | 'online' | 'detached' | 'closed';

type Phase = 'start' | 'authenticated' | 'bound' | 'resumed';

/** One connection's stream and what its negotiation has reached. */
interface Stream {
  readonly entity: SessionClient;
  readonly sm: StreamManagement;
  readonly socket: TLSSocket;
  readonly label: string;
  phase: Phase;
  mechanism: MechanismName | null;
  warning: MechanismWarning | null;
  /** The resumption asked for on this stream, until it succeeds or fails. */
  resume: ResumeState | null;
  notResumed: NotResumed | null;
  resent: number;
  /** The first thing that went wrong; the reason given when the stream ends. */
  error: Error | null;
  closedByUs: boolean;
  keepalive: Keepalive | null;
  settle: ((outcome: { ok: true; start: SessionStart } | { ok: false; error: Error }) => void) | null;
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'negotiating'; readonly stream: Stream }
  | { readonly kind: 'online'; readonly stream: Stream; readonly resumable: boolean }
  | { readonly kind: 'detached'; readonly resume: ResumeState | null }
  | { readonly kind: 'closed' };

export class XmppSession implements XmppLink {
  readonly #config: SessionConfig;
  readonly #timeouts: SessionTimeouts;
  readonly #events: SessionEvents;
  readonly #handlers = new IqHandlers();
  readonly #requests = new PendingRequests();
  /** Stanzas sent while disconnected (or while a resumption is being negotiated): sent after resuming. */
  #held: UnackedStanza[] = [];
  /** Stanzas a failed resumption handed back on a connection that then failed too: reported on the next bind. */
  #orphaned: Element[] = [];
  #state: State = { kind: 'idle' };
  #jid: string;
  #mechanism: MechanismName | null = null;
  #preApproval = false;
  #lastStart: SessionStart | null = null;

  constructor(config: SessionConfig) {
    this.#config = config;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
    this.#events = new SessionEvents(config.onListenerError ?? ((error) => console.error('An XMPP session listener failed:', error)));
    this.#jid = `${config.credentials.username}@${config.domain}`;
  }

  // ---------- What the controller uses ----------

  get status(): SessionStatus {
    return this.#state.kind;
  }

  /** Our full JID once bound (the bare JID before that). */
  get jid(): string {
    return this.#jid;
  }

  get fullJid(): string {
    return this.#jid;
  }

  /** The SASL mechanism of the last login (to remember for downgrade protection), or null before one. */
  /** The server offers subscription pre-approval (RFC 6121 §3.4), as its post-login features said. */
  get preApproval(): boolean {
    return this.#preApproval;
  }

  get mechanism(): MechanismName | null {
    return this.#mechanism;
  }

  /** How the last open() went online (mechanism warning, resumed or not, stanzas not resumed). */
  get lastStart(): SessionStart | null {
    return this.#lastStart;
  }

  get link(): XmppLink {
    return this;
  }

  on<E extends keyof SessionEventMap>(event: E, listener: SessionEventMap[E]): () => void {
    return this.#events.on(event, listener);
  }

  /** Called with the reason each time a connection ends; null when we closed it. */
  onClosed(listener: (error: Error | null) => void): () => void {
    return this.#events.on('disconnected', (event) => listener(event.error));
  }

  /**
   * Negotiates on a verified connection: logs in, then resumes (when there is state to resume and the server
   * agrees) or binds. Resolves once online; rejects with AuthenticationError, MechanismDowngradeError,
   * StreamError, TlsRequiredError, SessionTimeoutError, SessionProtocolError or ConnectionLostError, and the
   * socket is then destroyed.
   */
  open(request: OpenRequest): Promise<SessionStart> {
    const state = this.#state;
    if (state.kind !== 'idle' && state.kind !== 'detached') {
      request.connection.socket.destroy();
      return Promise.reject(new Error(`open() needs a session that is not connected (it is ${state.kind})`));
    }
    const socket = request.connection.socket;
    const label = endpointLabel(request.connection.endpoint);
    if (!isEncrypted(socket)) {
      socket.destroy();
      return Promise.reject(new TlsRequiredError(label));
    }
    const previous = request.streamManagement !== undefined ? request.streamManagement : state.kind === 'detached' ? state.resume : null;
    // Stanzas held while disconnected join the queue to resume; later ones are held until the answer.
    const resume = previous ? { ...previous, unacked: [...previous.unacked, ...this.#held] } : null;
    if (resume) this.#held = [];
    const stream = this.#createStream(socket, label, resume);
    this.#state = { kind: 'negotiating', stream };
    return this.#negotiate(stream);
  }

  /** The state a new connection needs to resume this session, or null when it cannot be resumed. */
  resumeState(): ResumeState | null {
    const state = this.#state;
    if (state.kind === 'online') return state.resumable ? { ...snapshot(state.stream.sm, this.#jid), unacked: [...queueOf(state.stream.sm), ...this.#held] } : null;
    if (state.kind === 'detached' && state.resume) return { ...state.resume, unacked: [...state.resume.unacked, ...this.#held] };
    if (state.kind === 'negotiating' && state.stream.resume) return { ...state.stream.resume, unacked: [...state.stream.resume.unacked, ...this.#held] };
    return null;
  }

  /** Our stanzas the server has not acknowledged yet (and those held while disconnected), oldest first. */
  unacknowledged(): readonly Element[] {
    return (this.resumeState()?.unacked ?? []).map((item) => item.stanza);
  }

  /** Ends the session for good: closes the stream politely (bounded by the stream timeout) and the socket. */
  async close(): Promise<void> {
    const state = this.#state;
    if (state.kind === 'closed') return;
    this.#state = { kind: 'closed' };
    this.#held = [];
    this.#requests.failAll(new NotConnectedError());
    if (state.kind !== 'online' && state.kind !== 'negotiating') return;
    const { stream } = state;
    stream.closedByUs = true;
    stream.settle?.({ ok: false, error: new ConnectionLostError('the session was closed') });
    try {
      await stream.entity.disconnect();
    } catch {
      // Closing is best effort; the socket is destroyed below either way.
    } finally {
      stream.socket.destroy();
    }
    if (state.kind === 'online') this.#events.emit('disconnected', { error: null, resumable: false });
  }

  // ---------- XmppLink ----------

  async send(stanza: Element): Promise<void> {
    const state = this.#state;
    if (state.kind === 'online') return state.stream.entity.send(stanza);
    const resuming = (state.kind === 'detached' && state.resume !== null) || (state.kind === 'negotiating' && state.stream.resume !== null);
    if (!resuming) throw new NotConnectedError();
    this.#held.push({ stanza, stamp: this.#now().toISOString() });
  }

  request(iq: Element, timeoutMs = this.#timeouts.requestMs): Promise<Element> {
    const answer = this.#requests.track(iq, timeoutMs);
    const id = iq.attrs.id ?? '';
    this.send(iq).catch((error: unknown) => this.#requests.fail(id, asError(error)));
    return answer;
  }

  onStanza(listener: (stanza: Element) => void): () => void {
    return this.#events.on('stanza', listener);
  }

  handleIq(type: 'get' | 'set', xmlns: string, name: string, handler: IqHandler): () => void {
    return this.#handlers.add(type, xmlns, name, handler);
  }

  // ---------- One connection ----------

  #createStream(socket: TLSSocket, label: string, resume: ResumeState | null): Stream {
    const roles = {
      onFeatures: (round: Next) => this.#featuresRound(stream, round),
      authenticate: (mechanisms: Element) => this.#authenticate(stream, mechanisms),
      bind: (features: Element) => this.#bind(stream, features),
      claim: (stanza: Element) => this.#requests.claim(stanza, this.#ownAddress()),
      iqHandlers: this.#handlers,
      deliver: (stanza: Element) => this.#events.emit('stanza', stanza),
    };
    const { entity, sm } = composeStream(socket, { domain: this.#config.domain, timeoutMs: this.#timeouts.streamMs }, roles);
    const stream: Stream = {
      entity,
      sm,
      socket,
      label,
      phase: 'start',
      mechanism: null,
      warning: null,
      resume,
      notResumed: null,
      resent: 0,
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
    if (resume) {
      // Seed xmpp.js's SM with the old stream's state: its stream feature then sends <resume/>.
      sm.id = resume.id;
      sm.inbound = resume.inbound;
      sm.outbound = resume.outbound;
      sm.outbound_q = [...resume.unacked];
      entity._jid(resume.jid);
    }

    sm.on('ack', (stanza: Element) => this.#events.emit('acked', stanza));
    sm.on('resumed', () => {
      stream.phase = 'resumed';
      stream.resent = sm.outbound_q.length;
    });
    sm.on('fail', (stanza: Element) => {
      if (!stream.notResumed) return;
      stream.notResumed = { ...stream.notResumed, unacked: [...stream.notResumed.unacked, stanza] };
    });
    entity.on('nonza', (element: Element) => {
      if (element.is('failed', NS_SM) && stream.resume && stream.phase === 'authenticated') this.#resumeRefused(stream, element);
    });
    entity.on('error', (error: unknown) => this.#streamFailed(stream, this.#toSessionError(error)));
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
    entity.on('disconnect', () => this.#streamEnded(stream));
    return stream;
  }

  #negotiate(stream: Stream): Promise<SessionStart> {
    return new Promise<SessionStart>((resolve, reject) => {
      const timer = setTimeout(
        () => this.#streamFailed(stream, new SessionTimeoutError('finish logging in', this.#timeouts.negotiationMs)),
        this.#timeouts.negotiationMs,
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
        .then(() => entity.open({ domain: this.#config.domain, lang: 'en' }))
        .catch((error: unknown) => this.#streamFailed(stream, this.#toSessionError(error)));
    });
  }

  /** One <stream:features> round: the handlers ran (or threw); decide what that means. */
  async #featuresRound(stream: Stream, round: Next): Promise<void> {
    const before = stream.phase;
    try {
      await round();
    } catch (error) {
      this.#streamFailed(stream, this.#toSessionError(error));
      return;
    }
    if (stream.settle === null) return;
    if (stream.phase === 'bound' || stream.phase === 'resumed') {
      this.#online(stream);
    } else if (stream.phase === before) {
      this.#streamFailed(
        stream,
        new SessionProtocolError(before === 'start' ? 'it offered no way to log in' : 'it offered no resource binding after login'),
      );
    }
    // 'authenticated': the stream restarted; the next features round continues.
  }

  async #authenticate(stream: Stream, mechanisms: Element): Promise<void> {
    if (stream.phase !== 'start') throw new SessionProtocolError('it asked for a second login on the same stream');
    // The last line before a credential leaves: never on anything but encrypted TLS.
    if (!isEncrypted(stream.socket)) throw new TlsRequiredError(stream.label);
    const channel = saslChannel(stream.entity);
    try {
      const outcome = await authenticate(
        channel,
        {
          mechanisms,
          credentials: this.#config.credentials,
          tlsVerified: true,
          previousMechanism: this.#mechanism ?? this.#config.previousMechanism,
        },
        this.#config.saslPolicy,
      );
      stream.mechanism = outcome.mechanism;
      stream.warning = outcome.warning;
      stream.phase = 'authenticated';
    } finally {
      channel.close();
    }
    await stream.entity.restart();
  }

  async #bind(stream: Stream, features: Element): Promise<void> {
    if (stream.phase !== 'authenticated') throw new SessionProtocolError('it offered resource binding before login');
    if (stream.resume) {
      // Resumption was asked for but the server offered no stream management at all.
      this.#giveUpResume(stream, 'the server no longer offers stream management', 'ours');
    }
    const requester = (iq: Element) => {
      const answer = this.#requests.track(iq, this.#timeouts.negotiationMs);
      stream.entity.send(iq).catch((error: unknown) => this.#requests.fail(iq.attrs.id ?? '', asError(error)));
      return answer;
    };
    const jid = await bindResource(requester, this.#config.resource, this.#config.domain);
    stream.entity._jid(jid);
    this.#jid = jid;
    this.#preApproval = features.getChild('sub', NS_PRE_APPROVAL) !== undefined;
    if (sessionRequired(features)) await establishSession(requester);
    stream.phase = 'bound';
  }

  /** The server answered <resume/> with <failed/>: drop what its `h` says it received, the rest is not resumed. */
  #resumeRefused(stream: Stream, failed: Element): void {
    const h = Number(failed.attrs.h);
    const { sm } = stream;
    if (Number.isInteger(h) && h >= sm.outbound) {
      for (let acked = h - sm.outbound; acked > 0 && sm.outbound_q.length > 0; acked -= 1) {
        const item = sm.outbound_q.shift();
        sm.outbound += 1;
        if (item) this.#events.emit('acked', item.stanza);
      }
    }
    const condition = failed.getChildElements()[0]?.name ?? 'unknown';
    // xmpp.js's SM feature calls its failed() right after this, handing back each queued stanza via 'fail'.
    this.#giveUpResume(stream, `the server could not resume the session (${condition})`, 'xmpp.js');
  }

  /**
   * Resumption is over: requests of the old session can no longer be answered, and the stanzas still queued
   * become `notResumed`. Who empties the queue: xmpp.js (after <failed/>, one 'fail' event per stanza,
   * collected in createStream) or we, when no <resume/> was sent at all.
   */
  #giveUpResume(stream: Stream, reason: string, queueEmptiedBy: 'xmpp.js' | 'ours'): void {
    if (!stream.resume) return;
    stream.resume = null;
    stream.notResumed = { reason, unacked: [] };
    this.#requests.failAll(new ConnectionLostError('the session could not be resumed, so the request got no answer'));
    if (queueEmptiedBy === 'xmpp.js') return;
    const unacked = stream.sm.outbound_q.map((item) => item.stanza);
    stream.sm.outbound_q = [];
    stream.sm.outbound = 0;
    stream.sm.id = '';
    stream.notResumed = { reason, unacked };
  }

  #online(stream: Stream): void {
    const settle = stream.settle;
    if (!settle) return;
    const mechanism = stream.mechanism;
    if (mechanism === null) {
      this.#streamFailed(stream, new SessionProtocolError('it went online without a login'));
      return;
    }
    this.#mechanism = mechanism;
    stream.keepalive = this.#keepalive(stream);
    const held = this.#held;
    this.#held = [];
    // A resumed session keeps the full JID it had (it may come from state handed to a new session object).
    if (stream.phase === 'resumed' && stream.resume) this.#jid = stream.resume.jid;
    const base = { jid: this.#jid, mechanism, mechanismWarning: stream.warning };
    if (stream.phase === 'resumed') {
      this.#state = { kind: 'online', stream, resumable: true };
      stream.resume = null;
      // Stanzas sent while resuming go out after the resent ones, in order.
      for (const item of held) stream.entity.send(item.stanza).catch(() => undefined);
      const start: SessionStart = { ...base, kind: 'resumed', resent: stream.resent + held.length };
      this.#lastStart = start;
      settle({ ok: true, start });
      this.#events.emit('resumed', start);
      return;
    }
    stream.entity._ready(false);
    const resumable = stream.sm.enabled && stream.sm.id !== '';
    this.#state = { kind: 'online', stream, resumable };
    const orphaned = this.#orphaned;
    this.#orphaned = [];
    const lost = [...orphaned, ...(stream.notResumed?.unacked ?? []), ...held.map((item) => item.stanza)];
    const notResumed =
      stream.notResumed || lost.length > 0
        ? { reason: stream.notResumed?.reason ?? 'an earlier resumption failed', unacked: lost }
        : null;
    const start: SessionStart = { ...base, kind: 'bound', streamManagement: resumable, notResumed };
    this.#lastStart = start;
    settle({ ok: true, start });
    this.#events.emit('online', start);
  }

  #keepalive(stream: Stream): Keepalive {
    const { answerMs, idleMs } = { answerMs: this.#timeouts.keepaliveAnswerMs, idleMs: this.#timeouts.keepaliveIdleMs };
    return new Keepalive({
      idleMs,
      answerMs,
      probe: () => {
        if (stream.sm.enabled) {
          stream.entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined);
          return;
        }
        // Any answer, even an error, proves the server is there; the request is claimed, not delivered.
        const ping = xml('iq', { type: 'get', to: this.#config.domain }, xml('ping', { xmlns: NS_PING }));
        this.#requests.track(ping, answerMs).catch(() => undefined);
        stream.entity.send(ping).catch(() => undefined);
      },
      onDead: () => this.#streamFailed(stream, new SessionTimeoutError('answer a keep-alive check', answerMs)),
    });
  }

  /** Something broke this stream: record why and end it (the 'disconnect' event does the rest). */
  #streamFailed(stream: Stream, error: Error): void {
    stream.error ??= error;
    stream.keepalive?.stop();
    if (stream.settle) this.#abandonNegotiation(stream, stream.error);
    if (!stream.socket.destroyed) stream.socket.destroy();
  }

  #abandonNegotiation(stream: Stream, error: Error): void {
    const settle = stream.settle;
    if (!settle) return;
    const state = this.#state;
    if (state.kind === 'negotiating' && state.stream === stream) {
      // A resumption that never got its answer can still be tried on the next connection.
      this.#state = { kind: 'detached', resume: stream.resume };
      if (stream.notResumed) this.#orphaned.push(...stream.notResumed.unacked);
    }
    settle({ ok: false, error });
  }

  /** The socket closed. */
  #streamEnded(stream: Stream): void {
    stream.keepalive?.stop();
    const error = stream.error ?? new ConnectionLostError('the server closed the connection');
    if (stream.settle) {
      this.#abandonNegotiation(stream, error);
      return;
    }
    const state = this.#state;
    if (state.kind !== 'online' || state.stream !== stream) return;
    // A stream error ends the server's session too; otherwise SM may let us resume it.
    const resume = state.resumable && !(error instanceof StreamError) && stream.sm.id !== '' ? snapshot(stream.sm, this.#jid) : null;
    this.#state = { kind: 'detached', resume };
    if (!resume) this.#requests.failAll(error);
    this.#events.emit('disconnected', { error, resumable: resume !== null });
  }

  #ownAddress() {
    const at = this.#jid.indexOf('@');
    const slash = this.#jid.indexOf('/');
    const bare = (slash >= 0 ? this.#jid.slice(0, slash) : this.#jid).toLowerCase();
    return { bare, domain: (at >= 0 ? bare.slice(at + 1) : bare).toLowerCase() };
  }

  #toSessionError(error: unknown): Error {
    return toSessionError(error, this.#timeouts.streamMs);
  }

  #now(): Date {
    return this.#config.now?.() ?? new Date();
  }
}

/** Checked at run time: the type says TLSSocket, but nothing weaker may ever carry a credential. */
function isEncrypted(socket: unknown): boolean {
  return socket instanceof TLSSocket && socket.encrypted === true;
}

function snapshot(sm: StreamManagement, jid: string): ResumeState {
  return { id: sm.id, jid, inbound: sm.inbound, outbound: sm.outbound, unacked: queueOf(sm) };
}

function queueOf(sm: StreamManagement): UnackedStanza[] {
  return sm.outbound_q.map((item) => ({ stanza: item.stanza, stamp: item.stamp }));
}

/** The SASL side of the stream: every element in the SASL namespace, in order, for one login. */
function saslChannel(entity: SessionClient): SaslChannel & { close(): void } {
  const queue: Element[] = [];
  let waiting: ((element: Element) => void) | null = null;
  const onNonza = (element: Element) => {
    if (element.getNS() !== NS_SASL) return;
    if (waiting) {
      const deliver = waiting;
      waiting = null;
      deliver(element);
    } else {
      queue.push(element);
    }
  };
  entity.on('nonza', onNonza);
  return {
    send: (element) => entity.send(element),
    receive: () => {
      const next = queue.shift();
      return next ? Promise.resolve(next) : new Promise<Element>((resolve) => (waiting = resolve));
    },
    close: () => entity.off('nonza', onNonza),
  };
}

/** xmpp.js reports socket errors, XML errors and its own failures through 'error': give each a typed meaning. */
function toSessionError(error: unknown, streamMs: number): Error {
  if (!(error instanceof Error)) return new ConnectionLostError(String(error));
  if (error.name === 'XMLError') return new SessionProtocolError(`it sent malformed XML (${error.message})`);
  // @xmpp/events' TimeoutError: a stream open or restart the server did not answer.
  if (error.name === 'TimeoutError') return new SessionTimeoutError('open the XMPP stream', streamMs);
  if ('code' in error && typeof error.code === 'string' && /^(E[A-Z]+|ERR_)/.test(error.code)) return new ConnectionLostError(error.message);
  return error;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
