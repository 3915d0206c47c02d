/**
 * An XMPP session from a verified TLS socket to online, across reconnects: SASL (our own exchange, server
 * signature checked), resource binding, XEP-0198 stream management (enable, acks, resume on a new verified
 * connection), iq requests and answers, and a built-in XEP-0199 ping answer. It is also the OnlineSession the
 * account controller and chat use (online-session.ts): the one object that holds the session's state.
 *
 * One XmppSession outlives its connections: listeners, iq handlers and pending requests are the session's,
 * and each connection gets its own stream (session-stream.ts). After a drop the controller verifies a NEW
 * connection (posh.md §7.6) and calls reopen(); the session then resumes if the server allows it, or binds
 * afresh and says which of our stanzas were never acknowledged.
 *
 * Security boundary: open() refuses any socket that is not encrypted TLS (TlsRequiredError), and it is the
 * caller's job to call it only after the verdict was verified or the user decided, stating the verdict's method
 * (`serverProof`) for each connection: PLAIN depends on it. Nothing here dials, follows a redirect (see-other-host, SM `location`) or retries a login.
 *
 * Its parts have files of their own: logging in on one stream (stream-login.ts), the stream's wiring and
 * keep-alive (session-stream.ts), resumption and held stanzas (resume-bookkeeping.ts), xmpp.js errors
 * (session-errors.ts). What is left here, about 380 lines, is one state machine across connections
 * (idle → negotiating → online → detached → ... → closed) that is clearer read in one place than split.
 */
import { jidDomainForm } from '../../../app/domain/address/domain-name.js';
import { formatJid, jidOrNull } from '../../../app/domain/address/jid.js';
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { Next } from '@xmpp/middleware';
import type { Element } from '@xmpp/xml';
import { ConnectionLostError, NotConnectedError, SessionProtocolError, StreamError, TlsRequiredError } from '../errors.js';
import type { XmppLink } from '../link.js';
import type { LoginProtection } from '../../../app/domain/sasl-mechanism.js';
import type { MechanismName } from '../sasl/mechanism.js';
import { endpointLabel, type SecuredConnection } from '../secure-connect.js';
import { IqHandlers, type IqHandler } from './iq-handlers.js';
import { PendingRequests, type OwnAddress } from './iq-requests.js';
import { canResume, enableRefused, giveUpResume, resumeRefused, snapshot, StanzaBacklog, unresumable } from './resume-bookkeeping.js';
import type { ResumeState } from './resume-state.js';
import { asError, toSessionError } from './session-errors.js';
import { SessionEvents, type SessionEventMap } from './session-events.js';
import { closeStream, createStream, startKeepalive, type StreamHooks } from './session-stream.js';
import { authenticateStream, bindStream, featuresRound, isEncrypted, negotiate, type LoginDeps } from './stream-login.js';
import type { Stream } from './stream-state.js';
import { DEFAULT_TIMEOUTS, type OpenRequest, type SessionConfig, type SessionStart, type SessionStatus, type SessionTimeouts } from './session-types.js';
import { UnacknowledgedReport } from './unacked-report.js';

export type { DisconnectedEvent, SessionEventMap } from './session-events.js';
export { DEFAULT_TIMEOUTS, type OpenRequest, type SessionConfig, type SessionStart, type SessionStatus, type SessionTimeouts } from './session-types.js';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'negotiating'; readonly stream: Stream }
  | { readonly kind: 'online'; readonly stream: Stream }
  | { readonly kind: 'detached'; readonly resume: ResumeState | null }
  | { readonly kind: 'closed' };

export class XmppSession implements XmppLink {
  readonly #config: SessionConfig;
  readonly #timeouts: SessionTimeouts;
  readonly #events: SessionEvents;
  readonly #handlers = new IqHandlers();
  readonly #requests = new PendingRequests();
  readonly #backlog = new StanzaBacklog();
  #state: State = { kind: 'idle' };
  #jid: string;
  #mechanism: MechanismName | null = null;
  #loginProtection: LoginProtection | null = null;
  #preApproval = false;
  #lastStart: SessionStart | null = null;
  /** The last stream ended with state to resume, and no new connection was tried since (one try each). */
  #resumable = false;
  readonly #report = new UnacknowledgedReport();
  readonly #login: LoginDeps;

  constructor(given: SessionConfig) {
    // The stream's `to`, the pings and our JID carry the U-label (RFC 7622 §3.2.1): a Prosody with an IDN
    // virtual host answers host-unknown to the A-label that DNS, SNI and the verdict used.
    const config: SessionConfig = { ...given, domain: jidDomainForm(given.domain) };
    this.#config = config;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
    this.#events = new SessionEvents(config.onListenerError ?? ((error) => console.error('An XMPP session listener failed:', error)));
    this.#jid = formatJid({ local: config.credentials.username, domain: config.domain });
    this.#login = {
      config,
      timeouts: this.#timeouts,
      requests: this.#requests,
      lastMechanism: () => this.#mechanism,
      resumeUnavailable: (stream) =>
        giveUpResume(stream, 'the server no longer offers stream management', 'ours', (error) => this.#requests.failAll(error)),
      bound: (jid, preApproval) => {
        this.#jid = jid;
        this.#preApproval = preApproval;
      },
      online: (stream) => this.#online(stream),
      enableRefused: (stream) => this.#enableRefused(stream),
      failed: (stream, error) => this.#streamFailed(stream, error),
      toError: (error) => this.#toSessionError(error),
    };
  }

  // ---------- What the controller and the chat use (OnlineSession) ----------

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

  /** The server offers subscription pre-approval (RFC 6121 §3.4), as its post-login features said. */
  get preApproval(): boolean {
    return this.#preApproval;
  }

  /** The SASL mechanism of the last login (to remember for downgrade protection), or null before one. */
  get mechanism(): MechanismName | null {
    return this.#mechanism;
  }

  /** How the last login was protected (mechanism and channel binding), for the security panel; null before one. */
  get login(): LoginProtection | null {
    return this.#loginProtection;
  }

  /** How the last open() went online (mechanism warning, resumed or not, stanzas not resumed). */
  get lastStart(): SessionStart | null {
    return this.#lastStart;
  }

  get link(): XmppLink {
    return this;
  }

  /** True after a drop when reopen() on a new verified connection may resume this session (XEP-0198). */
  get resumable(): boolean {
    return this.#resumable;
  }

  /** XEP-0198 is on for the current stream: the server acknowledges each stanza we send. */
  get acknowledged(): boolean {
    const state = this.#state;
    if (state.kind === 'online' && state.stream.acks === 'refused') return false;
    const start = this.#lastStart;
    // A resumed session had stream management on, or it could not have been resumed.
    return start !== null && (start.kind === 'resumed' || start.streamManagement);
  }

  on<E extends keyof SessionEventMap>(event: E, listener: SessionEventMap[E]): () => void {
    return this.#events.on(event, listener);
  }

  /** Called with the reason each time a connection ends; null when we closed it. */
  onClosed(listener: (error: Error | null) => void): () => void {
    return this.#events.on('disconnected', (event) => listener(event.error));
  }

  /** Calls the listener with the `id` of each of our stanzas the server acknowledged (see OnlineSession.onAcked). */
  onAcked(listener: (stanzaId: string) => void): () => void {
    return this.#events.on('acked', (stanza) => {
      if (typeof stanza.attrs.id === 'string') listener(stanza.attrs.id);
    });
  }

  /** Ids of our stanzas the server cannot be shown to have received, each reported once. */
  takeUnacknowledged(): readonly string[] {
    return this.#report.take(this.#resumable, () => this.unacknowledged());
  }

  /**
   * Negotiates on a verified connection: logs in, then resumes (when there is state to resume and the server
   * agrees) or binds. Resolves once online; rejects with AuthenticationError, MechanismDowngradeError,
   * StreamError, TlsRequiredError, SessionTimeoutError, SessionProtocolError or ConnectionLostError, and the
   * socket is then destroyed.
   */
  open(request: OpenRequest): Promise<SessionStart> {
    this.#resumable = false;
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
    const resume = this.#backlog.joinResume(previous);
    const stream = createStream(socket, label, resume, {
        domain: this.#config.domain,
        timeoutMs: this.#timeouts.streamMs,
        serverProof: request.serverProof,
        serverCertificate: request.connection.chain[0] ?? null,
      }, this.#hooks);
    this.#state = { kind: 'negotiating', stream };
    return negotiate(stream, this.#login);
  }

  /** Continues on a new connection the caller verified (with its own verdict's method), exactly like a first one. */
  async reopen(connection: SecuredConnection, serverProof: TrustMethod): Promise<'resumed' | 'bound'> {
    return (await this.open({ connection, serverProof })).kind;
  }

  /** The state a new connection needs to resume this session, or null when it cannot be resumed. */
  resumeState(): ResumeState | null {
    const state = this.#state;
    if (state.kind === 'online') return canResume(state.stream) ? this.#backlog.peek(snapshot(state.stream.sm, this.#jid)) : null;
    if (state.kind === 'detached' && state.resume) return this.#backlog.peek(state.resume);
    if (state.kind === 'negotiating' && state.stream.resume) return this.#backlog.peek(state.stream.resume);
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
    this.#resumable = false;
    this.#backlog.takeHeld();
    this.#requests.failAll(new NotConnectedError());
    if (state.kind !== 'online' && state.kind !== 'negotiating') return;
    await closeStream(state.stream);
    if (state.kind === 'online') this.#events.emit('disconnected', { error: null, resumable: false });
  }

  // ---------- XmppLink ----------

  async send(stanza: Element): Promise<void> {
    const state = this.#state;
    if (state.kind === 'online') return state.stream.entity.send(stanza);
    const resuming = (state.kind === 'detached' && state.resume !== null) || (state.kind === 'negotiating' && state.stream.resume !== null);
    if (!resuming) throw new NotConnectedError();
    this.#backlog.hold(stanza, this.#now().toISOString());
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

  readonly #hooks: StreamHooks = {
    onFeatures: (stream: Stream, round: Next) => featuresRound(stream, round, this.#login),
    authenticate: (stream: Stream, mechanisms: Element, features: Element) => authenticateStream(stream, mechanisms, features, this.#login),
    bind: (stream: Stream, features: Element) => bindStream(stream, features, this.#login),
    // Online as soon as <enable/> is out: its answer is nothing the user waits for (XEP-0198 counts our stanzas
    // from the moment it is sent, and xmpp.js queues them from then on).
    enableSent: (stream: Stream) => {
      if (stream.phase === 'bound' && stream.settle) this.#online(stream);
    },
    enableUnanswered: (stream: Stream) => this.#enableRefused(stream),
    claim: (stanza: Element) => this.#requests.claim(stanza, this.#ownAddress()),
    iqHandlers: this.#handlers,
    deliver: (stanza: Element) => this.#events.emit('stanza', stanza),
    acked: (stanza: Element) => this.#events.emit('acked', stanza),
    resumeRefused: (stream: Stream, failed: Element) =>
      resumeRefused(stream, failed, (stanza) => this.#events.emit('acked', stanza), (error) => this.#requests.failAll(error)),
    failed: (stream: Stream, error: unknown) => this.#streamFailed(stream, this.#toSessionError(error)),
    ended: (stream: Stream) => this.#streamEnded(stream),
  };

  #online(stream: Stream): void {
    const settle = stream.settle;
    if (!settle) return;
    const mechanism = stream.mechanism;
    if (mechanism === null) {
      this.#streamFailed(stream, new SessionProtocolError('it went online without a login'));
      return;
    }
    this.#mechanism = mechanism;
    this.#loginProtection = { mechanism, channelBinding: stream.channelBinding };
    stream.keepalive = startKeepalive(stream, this.#timeouts, this.#config.domain, this.#requests, (error) => this.#streamFailed(stream, error));
    const held = this.#backlog.takeHeld();
    // A resumed session keeps the full JID it had (it may come from state handed to a new session object).
    if (stream.phase === 'resumed' && stream.resume) this.#jid = stream.resume.jid;
    const base = { jid: this.#jid, mechanism, mechanismWarning: stream.warning };
    if (stream.phase === 'resumed') {
      this.#state = { kind: 'online', stream };
      stream.resume = null;
      // Stanzas sent while resuming go out after the resent ones, in order.
      for (const item of held) stream.entity.send(item.stanza).catch(() => undefined);
      this.#started({ ...base, kind: 'resumed', resent: stream.resent + held.length }, settle);
      return;
    }
    stream.entity._ready(false);
    this.#state = { kind: 'online', stream };
    const notResumed = this.#backlog.takeNotResumed(stream.notResumed, held);
    this.#started({ ...base, kind: 'bound', streamManagement: stream.acks === 'asked' || stream.acks === 'on', notResumed }, settle);
  }

  /** The server refused stream management after we went online: the stream carries on without it. */
  #enableRefused(stream: Stream): void {
    const state = this.#state;
    if (state.kind !== 'online' || state.stream !== stream) return;
    enableRefused(stream, (stanza) => this.#events.emit('acked', stanza));
  }

  #started(start: SessionStart, settle: NonNullable<Stream['settle']>): void {
    this.#lastStart = start;
    this.#report.online(start);
    settle({ ok: true, start });
    if (start.kind === 'resumed') this.#events.emit('resumed', start);
    else this.#events.emit('online', start);
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
      if (stream.notResumed) this.#backlog.orphan(stream.notResumed.unacked);
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
    const resume = canResume(stream) && !(error instanceof StreamError) ? snapshot(stream.sm, this.#jid) : null;
    // What the server never acknowledged on a stream that cannot be resumed is reported at the next bind.
    if (!resume) this.#backlog.orphan(unresumable(stream));
    this.#state = { kind: 'detached', resume };
    this.#resumable = resume !== null;
    if (!resume) this.#requests.failAll(error);
    this.#events.emit('disconnected', { error, resumable: resume !== null });
  }

  #ownAddress(): OwnAddress {
    const jid = jidOrNull(this.#jid);
    return { bare: jid?.bare ?? this.#jid, domain: jid?.domain.unicode ?? this.#config.domain };
  }

  #toSessionError(error: unknown): Error {
    return toSessionError(error, this.#timeouts.streamMs);
  }

  #now(): Date {
    return this.#config.now?.() ?? new Date();
  }
}
