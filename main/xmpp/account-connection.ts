/**
 * The life of one account's connection: resolve → connect → verify → (ask the user) → authenticate → online,
 * and back again after a drop. This is where the security invariant is enforced: the password is handed to
 * the session only after the verdict is verified or the user decided (trust-decision-flow.ts), and every
 * reconnect verifies afresh.
 */
import { jidDomainForm } from '../../app/domain/address/domain-name.js';
import { formatJid } from '../../app/domain/address/jid.js';
import type { ConnectionError, ConnectionState, TrustDecision, TrustDecisionRequest } from '../../app/domain/account.js';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import type { TrustVerdict } from '../../app/domain/trust.js';
import type { TrustLogEntryV2 } from '../../app/domain/trust-records.js';
import { trustLogEntryFrom } from '../../app/domain/trust-log-entry.js';
import { withoutChannelBinding, type LoginProtection } from '../../app/domain/sasl-mechanism.js';
import type { ConfiguredServer } from './candidate.js';
import type { ConnectVerifiedRequest, VerifiedConnection } from './connect-verified.js';
import { describeConnectionError, isFinal } from './connection-errors.js';
import { MechanismDowngradeError, PasswordNeededError, type BindingLost } from './errors.js';
import type { MechanismName } from './sasl/mechanism.js';
import type { RememberedMechanism } from './sasl/select.js';
import type { OnlineSession, OpenSessionArgs } from './session/online-session.js';
import { createTrustDecisionFlow, type DecideOutcome, type PinWriter, type ProvenVerdict } from './trust-decision-flow.js';

export interface AccountConnectionDeps {
  readonly accountId: string;
  /** The JID's domain as an A-label and its local part. */
  readonly domain: string;
  readonly localpart: string;
  readonly resource: string;
  readonly server: ConfiguredServer | null;
  readonly connectVerified: (request: ConnectVerifiedRequest) => Promise<VerifiedConnection>;
  readonly openSession: (args: OpenSessionArgs) => Promise<OnlineSession>;
  readonly pins: PinWriter;
  /** Drops the remembered POSH answer for a domain ("check again" on a POSH mismatch). */
  readonly forgetPosh: (domain: string) => Promise<void>;
  readonly log: (entry: TrustLogEntryV2) => Promise<void>;
  readonly onState: (state: ConnectionState) => void;
  readonly onDecisionNeeded: (request: TrustDecisionRequest) => void;
  /** The main process's own confirmation of an answer that changes trust (trust-decision-flow.ts). */
  readonly confirm: ConfirmTrustChange;
  /** `resumed`: the same session continued (XEP-0198), nothing needs setting up again. */
  readonly onOnline: (session: OnlineSession, verdict: TrustVerdict, resumed: boolean) => void;
  readonly now: () => Date;
  /** Delay before reconnect attempt `attempt` (1-based). */
  readonly reconnectDelay: (attempt: number) => number;
  /** Whether the computer has a network; reconnecting pauses while it has none. Absent: always online. */
  readonly network?: NetworkStatus;
  /** Remembered per account: the SCRAM mechanism that worked, to refuse a later downgrade. */
  readonly mechanisms: { get(): Promise<RememberedMechanism | null>; set(mechanism: MechanismName): Promise<void> };
  /** Tells the user something they must know (an appNotice warning), e.g. that security state was not saved. */
  readonly onNotice: (text: string) => void;
}

export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls the listener when the network comes back; returns the function that stops listening. */
  onOnline(listener: () => void): () => void;
}

export interface AccountConnection {
  readonly state: ConnectionState;
  readonly lastVerdict: TrustVerdict | null;
  /** Starts connecting with this password (kept in memory for reconnects until disconnect). */
  connect(password: string): void;
  disconnect(): Promise<void>;
  /** Answers a pending decision (confirmed by the main process when it changes trust). */
  decide(requestId: string, decision: TrustDecision): Promise<DecideOutcome>;
  /** The account was edited: a key accepted with "connect once" is no longer accepted on the next connection. */
  forgetAcceptedOnce(): void;
}

export function createAccountConnection(deps: AccountConnectionDeps): AccountConnection {
  let state: ConnectionState = { stage: 'offline' };
  let password: string | null = null;
  let session: OnlineSession | null = null;
  let attempt: AbortController | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let stopWaitingForNetwork: (() => void) | null = null;
  let retries = 0;
  /** The user confirmed "log in without channel binding": the next login may be unbound (then it is reset). */
  let acceptUnboundOnce = false;

  const setState = (next: ConnectionState) => {
    state = next;
    deps.onState(next);
  };
  const trust = createTrustDecisionFlow({
    accountId: deps.accountId,
    domain: deps.domain,
    server: deps.server,
    connectVerified: deps.connectVerified,
    pins: deps.pins,
    forgetPosh: deps.forgetPosh,
    log: deps.log,
    now: deps.now,
    onProgress: setState,
    onDecisionNeeded: deps.onDecisionNeeded,
    confirm: deps.confirm,
  });

  /**
   * The trust history also says how each login was protected. A record, not a gate: not awaited (the state
   * must not wait on the disk, nor change after the session may have closed), and a failed write is ignored.
   */
  const logLogin = async (verdict: TrustVerdict, login: LoginProtection) => {
    await deps.log(trustLogEntryFrom(verdict, { at: deps.now().toISOString(), account: deps.accountId, login })).catch(() => undefined);
  };

  const run = async () => {
    const controller = new AbortController();
    attempt = controller;
    try {
      const { connection, verdict } = await trust.establish(controller.signal);
      if (controller.signal.aborted) {
        connection.socket.destroy();
        return;
      }
      setState({ stage: 'authenticating', endpoint: verdict.endpoint, verdict });
      // The new connection was verified above like any other; only then may the old session continue on it.
      const previous = session;
      if (previous?.resumable) {
        let kind: 'resumed' | 'bound';
        try {
          kind = await previous.reopen(connection, verdict.method);
        } catch (error) {
          session = null; // this session cannot continue; the next attempt logs in afresh
          // Not resumed, and the fresh login on the new connection could not be bound: ask, as below.
          const refusal = bindingLostIn(error, controller);
          if (refusal === null) throw error;
          await askBeforeUnbound(controller, verdict, refusal);
          return;
        }
        if (controller.signal.aborted) return;
        retries = 0;
        setState({ stage: 'online', endpoint: verdict.endpoint, verdict, fullJid: previous.fullJid, login: previous.login });
        void logLogin(verdict, previous.login);
        deps.onOnline(previous, verdict, kind === 'resumed');
        return;
      }
      session = null;
      const current = password;
      if (current === null) {
        connection.socket.destroy();
        throw new PasswordNeededError();
      }
      // The user's "log in without channel binding" counts for this one login (see askBeforeUnbound).
      const unboundAccepted = acceptUnboundOnce;
      acceptUnboundOnce = false;
      const remembered = await deps.mechanisms.get();
      let opened: OnlineSession;
      try {
        opened = await deps.openSession({
          connection,
          serverProof: verdict.method,
          domain: deps.domain,
          localpart: deps.localpart,
          password: current,
          resource: deps.resource,
          previousMechanism: unboundAccepted && remembered !== null && remembered !== 'scram-required' ? withoutChannelBinding(remembered) : remembered,
        });
      } catch (error) {
        const refusal = bindingLostIn(error, controller);
        if (refusal === null) throw error;
        await askBeforeUnbound(controller, verdict, refusal);
        return;
      }
      if (controller.signal.aborted) {
        await opened.close();
        return;
      }
      session = opened;
      retries = 0;
      if (opened.mechanism !== 'PLAIN') {
        const mechanism = opened.mechanism;
        // Staying online is right (this login was safe), but the user must know the protection is missing.
        await deps.mechanisms
          .set(mechanism)
          .catch((error: unknown) => deps.onNotice(mechanismNotSavedText(formatJid({ local: deps.localpart, domain: jidDomainForm(deps.domain) }), mechanism, error)));
      }
      opened.onClosed((error) => {
        if (session !== opened) return; // an old session, replaced or closed by us
        if (error === null) {
          session = null;
          setState({ stage: 'offline' });
          return;
        }
        // Keep a resumable session: the next verified connection continues it instead of starting over.
        if (!opened.resumable) session = null;
        if (isFinal(error)) setState({ stage: 'failed', error: describeConnectionError(error), verdict: trust.lastVerdict });
        else scheduleReconnect(describeConnectionError(error));
      });
      setState({ stage: 'online', endpoint: verdict.endpoint, verdict, fullJid: opened.fullJid, login: opened.login });
      void logLogin(verdict, opened.login);
      deps.onOnline(opened, verdict, false);
    } catch (error) {
      if (attempt !== controller || controller.signal.aborted) return;
      const described = describeConnectionError(error);
      if (isFinal(error)) {
        setState({ stage: 'failed', error: described, verdict: trust.lastVerdict });
        password = isAuthFailure(described) ? null : password;
      } else {
        scheduleReconnect(described);
      }
    }
  };

  /**
   * Bound before, cannot bind now (posh.md §7.5: ask first). The session closed the connection before any
   * <auth>, since the user may take longer than the server waits; they are asked with the verdict of that
   * connection. Cancel ends the attempt with the refusal. "Log in without channel binding", once the main
   * process confirmed it (trust-decision-flow.ts), starts a new attempt, verified from scratch, whose login may
   * be unbound; the login memory takes the unbound mechanism only when that login succeeds (run()), so the
   * question comes back after any failure and stops only after a successful unbound login, until a bound one.
   */
  const askBeforeUnbound = async (controller: AbortController, verdict: ProvenVerdict, refusal: BindingLostError) => {
    const lost = refusal.bindingLost;
    const decision = await trust.askUnboundLogin(verdict, { previous: lost.previous, unbound: lost.unbound, reason: lost.why }, controller.signal);
    if (attempt !== controller || controller.signal.aborted) return;
    if (decision !== 'log-in-unbound') throw refusal;
    acceptUnboundOnce = true;
    void run();
  };

  const scheduleReconnect = (lastError: ConnectionError) => {
    retries += 1;
    if (deps.network && !deps.network.isOnline()) {
      // No network: attempts would only fail and grow the backoff. Wait, then try at once.
      setState({ stage: 'reconnecting', retryAt: null, attempt: retries, lastError });
      stopWaitingForNetwork = deps.network.onOnline(() => {
        stopWaitingForNetwork?.();
        stopWaitingForNetwork = null;
        void run();
      });
      return;
    }
    const delay = deps.reconnectDelay(retries);
    setState({ stage: 'reconnecting', retryAt: new Date(deps.now().getTime() + delay).toISOString(), attempt: retries, lastError });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void run();
    }, delay);
  };

  const stop = () => {
    acceptUnboundOnce = false;
    attempt?.abort();
    attempt = null;
    stopWaitingForNetwork?.();
    stopWaitingForNetwork = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };

  return {
    get state() {
      return state;
    },
    get lastVerdict() {
      return trust.lastVerdict;
    },
    connect: (pw) => {
      stop();
      // "Connect once" was for the connection the user was asked about, not for every Connect after it.
      trust.forgetAcceptedOnce();
      password = pw;
      retries = 0;
      void run();
    },
    disconnect: async () => {
      stop();
      trust.forget();
      password = null;
      const open = session;
      session = null;
      if (open) await open.close().catch(() => undefined);
      setState({ stage: 'offline' });
    },
    decide: (requestId, decision) => trust.decide(requestId, decision),
    forgetAcceptedOnce: () => trust.forgetAcceptedOnce(),
  };
}

type BindingLostError = MechanismDowngradeError & { readonly bindingLost: BindingLost };

/** `error` when it is a bound login that could not be bound now and the attempt is still on: ask the user. */
function bindingLostIn(error: unknown, controller: AbortController): BindingLostError | null {
  if (controller.signal.aborted || !(error instanceof MechanismDowngradeError) || error.bindingLost === null) return null;
  return error as BindingLostError;
}

function isAuthFailure(error: ConnectionError): boolean {
  return error.kind === 'authentication' || error.kind === 'password-needed';
}

function mechanismNotSavedText(account: string, mechanism: MechanismName, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  // A bound login is also protected against losing its binding (asked before an unbound login): say so then.
  const binding = mechanism.endsWith('-PLUS') ? ' and one that can no longer bind the login to this connection is asked about' : '';
  return (
    `The downgrade protection for ${account} could not be saved: Hostproof remembers that this account logs in ` +
    `with ${mechanism}, so that a server later offering only the weaker PLAIN is refused${binding}, but writing ` +
    `that down failed (${why}). Until it is saved, such a server would not be noticed.`
  );
}
