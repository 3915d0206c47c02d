/**
 * The life of one account's connection: resolve → connect → verify → (ask the user) → authenticate → online,
 * and back again after a drop. This is where the security invariant is enforced: the password is handed to
 * the session only after the verdict is verified or the user decided, and every reconnect verifies afresh.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionError, ConnectionState, TrustDecision, TrustDecisionRequest } from '../../app/domain/account.js';
import { XMPP_CLIENT_SERVICE, type Pin, type TrustVerdict } from '../../app/domain/trust.js';
import { trustLogEntryFrom } from '../../app/domain/trust-log-entry.js';
import type { TrustLogEntryV2 } from '../../app/domain/trust-records.js';
import type { ConfiguredServer } from './candidate.js';
import type { ConnectVerifiedRequest, VerifiedConnection } from './connect-verified.js';
import { describeConnectionError, isFinal } from './connection-errors.js';
import type { XmppLink } from './link.js';
import type { MechanismName } from './sasl/mechanism.js';
import type { SecuredConnection } from './secure-connect.js';
import { decideTrust } from '../trust/verdict.js';

export interface OnlineSession {
  readonly link: XmppLink;
  readonly fullJid: string;
  readonly mechanism: MechanismName;
  /** True after a drop when the server may let this session continue on a new connection (XEP-0198). */
  readonly resumable: boolean;
  /** XEP-0198 is on for the current stream: the server acknowledges each stanza we send. */
  readonly acknowledged: boolean;
  /** The server offers subscription pre-approval (RFC 6121 §3.4). */
  readonly preApproval: boolean;
  /** Calls the listener with the `id` of each of our stanzas the server acknowledged. */
  onAcked(listener: (stanzaId: string) => void): void;
  /**
   * Ids of our stanzas the server cannot be shown to have received (a stream that ended or was not resumed);
   * each id is reported once, for the outgoing queue to send again.
   */
  takeUnacknowledged(): readonly string[];
  /** Continues on a new, already verified connection: 'resumed' when the server kept the session, else 'bound'. */
  reopen(connection: SecuredConnection): Promise<'resumed' | 'bound'>;
  close(): Promise<void>;
  /** Called whenever the stream ends; `error` is null for a clean close we asked for. */
  onClosed(listener: (error: Error | null) => void): void;
}

export interface OpenSessionArgs {
  readonly connection: SecuredConnection;
  readonly domain: string;
  readonly localpart: string;
  readonly password: string;
  readonly resource: string;
  readonly previousMechanism: MechanismName | null;
}

export interface AccountConnectionDeps {
  readonly accountId: string;
  /** The JID's domain as an A-label and its local part. */
  readonly domain: string;
  readonly localpart: string;
  readonly resource: string;
  readonly server: ConfiguredServer | null;
  readonly connectVerified: (request: ConnectVerifiedRequest) => Promise<VerifiedConnection>;
  readonly openSession: (args: OpenSessionArgs) => Promise<OnlineSession>;
  readonly pins: {
    get(domain: string, service: typeof XMPP_CLIENT_SERVICE): Promise<Pin | null>;
    put(pin: Pin): Promise<void>;
    touch(domain: string, service: typeof XMPP_CLIENT_SERVICE, seenAt: string): Promise<boolean>;
  };
  readonly log: (entry: TrustLogEntryV2) => Promise<void>;
  readonly onState: (state: ConnectionState) => void;
  readonly onDecisionNeeded: (request: TrustDecisionRequest) => void;
  /** `resumed`: the same session continued (XEP-0198), nothing needs setting up again. */
  readonly onOnline: (session: OnlineSession, verdict: TrustVerdict, resumed: boolean) => void;
  readonly now: () => Date;
  /** Delay before reconnect attempt `attempt` (1-based). */
  readonly reconnectDelay: (attempt: number) => number;
  /** Whether the computer has a network; reconnecting pauses while it has none. Absent: always online. */
  readonly network?: NetworkStatus;
  /** Remembered per account: the SCRAM mechanism that worked, to refuse a later downgrade. */
  readonly mechanisms: { get(): Promise<MechanismName | null>; set(mechanism: MechanismName): Promise<void> };
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
  /** Answers a pending decision; false when no such request is pending. */
  decide(requestId: string, decision: TrustDecision): boolean;
}

/** How many times one attempt may ask the user (a server that changes key between our reconnects). */
const MAX_DECISIONS_PER_ATTEMPT = 3;

export function createAccountConnection(deps: AccountConnectionDeps): AccountConnection {
  let state: ConnectionState = { stage: 'offline' };
  let lastVerdict: TrustVerdict | null = null;
  let password: string | null = null;
  let session: OnlineSession | null = null;
  let attempt: AbortController | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let stopWaitingForNetwork: (() => void) | null = null;
  let retries = 0;
  /** "Connect once": the exact key the user accepted, in memory only, until disconnect. */
  let acceptedOnceSpki: string | null = null;
  let pending: { requestId: string; resolve: (d: TrustDecision) => void } | null = null;

  const setState = (next: ConnectionState) => {
    state = next;
    deps.onState(next);
  };

  const logEntry = async (verdict: TrustVerdict, decision?: TrustDecision) => {
    const entry = trustLogEntryFrom(verdict, { at: deps.now().toISOString(), account: deps.accountId, decision });
    try {
      await deps.log(entry);
    } catch {
      // The log is a record, not a gate: a full disk must not stop a verified connection.
    }
  };

  const ask = async (verdict: TrustVerdict & { verified: false }, signal: AbortSignal): Promise<TrustDecision> => {
    const previousPin = verdict.pin.status === 'mismatch' ? verdict.pin.pin : null;
    const request: TrustDecisionRequest = {
      requestId: randomUUID(),
      accountId: deps.accountId,
      verdict,
      previousPin,
      choices: ['cancel', 'connect-once', previousPin ? 'replace-pin' : 'pin'],
    };
    setState({ stage: 'awaiting-decision', endpoint: verdict.endpoint, request });
    const decision = await new Promise<TrustDecision>((resolve) => {
      pending = { requestId: request.requestId, resolve };
      signal.addEventListener('abort', () => resolve('cancel'), { once: true });
      deps.onDecisionNeeded(request);
    });
    pending = null;
    // A decision must be one that was offered ('pin' when a different key is pinned needs 'replace-pin').
    return request.choices.includes(decision) ? decision : 'cancel';
  };

  /** Records the decision; returns the pin it created, if any. */
  const applyDecision = async (verdict: TrustVerdict, decision: TrustDecision): Promise<Pin | null> => {
    if (decision === 'connect-once') acceptedOnceSpki = verdict.certificate.spkiSha256;
    if (decision !== 'pin' && decision !== 'replace-pin') return null;
    const now = deps.now().toISOString();
    const pin: Pin = {
      domain: deps.domain,
      service: XMPP_CLIENT_SERVICE,
      spkiSha256: verdict.certificate.spkiSha256,
      certificate: verdict.certificate,
      approvedAt: now,
      approvedHow: decision === 'pin' ? 'pinned' : 'replaced',
      lastSeenAt: now,
    };
    await deps.pins.put(pin);
    return pin;
  };

  /**
   * The verdict for the same connection after the user's decision, decided again by the same rules (so the
   * badge, summary and delegation story say "pinned by you" or "accepted once", not the question's text).
   */
  const reconsider = (verdict: TrustVerdict, pin: Pin | null): TrustVerdict =>
    decideTrust({
      domain: verdict.domain,
      endpoint: verdict.endpoint,
      certificate: verdict.certificate,
      chain: verdict.chain,
      pkix: verdict.pkix,
      posh: verdict.posh,
      pin: pin ? { status: 'match', pin } : verdict.pin,
      acceptedOnce: acceptedOnceSpki === verdict.certificate.spkiSha256,
      now: deps.now(),
    });

  /** Connect and verify until the verdict is verified, the user cancels, or the attempt is aborted. */
  const establish = async (signal: AbortSignal): Promise<VerifiedConnection> => {
    for (let asked = 0; ; asked += 1) {
      const result = await deps.connectVerified({
        domain: deps.domain,
        configured: deps.server ?? undefined,
        acceptedOnceSpki,
        signal,
        onStage: (stage) => {
          if (stage.stage === 'resolving') setState({ stage: 'resolving' });
          else setState({ stage: stage.stage, endpoint: stage.endpoint });
        },
      });
      const { verdict, connection } = result;
      lastVerdict = verdict;
      await logEntry(verdict);
      if (verdict.verified) {
        if (verdict.method === 'pin') await deps.pins.touch(deps.domain, XMPP_CLIENT_SERVICE, deps.now().toISOString());
        return result;
      }
      if (asked >= MAX_DECISIONS_PER_ATTEMPT) {
        connection.socket.destroy();
        throw new TrustCancelledError('The server kept presenting keys you had not approved; Hostproof stopped asking.');
      }
      const decision = await ask(verdict, signal);
      await logEntry(verdict, decision);
      if (decision === 'cancel') {
        connection.socket.destroy();
        throw new TrustCancelledError(`You chose not to connect to ${verdict.endpoint.host}. Nothing was sent to it.`);
      }
      const pin = await applyDecision(verdict, decision);
      // The server may have given up waiting while the user read the dialog. Then connect again: the new
      // connection is verified from scratch and passes only by the pin or the once-accepted key — the same key.
      if (!connection.socket.destroyed && connection.socket.readyState === 'open') {
        const accepted = reconsider(verdict, pin);
        if (accepted.verified) {
          lastVerdict = accepted;
          return { ...result, verdict: accepted };
        }
      }
      connection.socket.destroy();
    }
  };

  const run = async () => {
    const controller = new AbortController();
    attempt = controller;
    try {
      const { connection, verdict } = await establish(controller.signal);
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
          kind = await previous.reopen(connection);
        } catch (error) {
          session = null; // this session cannot continue; the next attempt logs in afresh
          throw error;
        }
        if (controller.signal.aborted) return;
        retries = 0;
        setState({ stage: 'online', endpoint: verdict.endpoint, verdict, fullJid: previous.fullJid });
        deps.onOnline(previous, verdict, kind === 'resumed');
        return;
      }
      session = null;
      const current = password;
      if (current === null) {
        connection.socket.destroy();
        throw new PasswordNeededError();
      }
      const opened = await deps.openSession({
        connection,
        domain: deps.domain,
        localpart: deps.localpart,
        password: current,
        resource: deps.resource,
        previousMechanism: await deps.mechanisms.get(),
      });
      if (controller.signal.aborted) {
        await opened.close();
        return;
      }
      session = opened;
      retries = 0;
      if (opened.mechanism !== 'PLAIN') await deps.mechanisms.set(opened.mechanism).catch(() => undefined);
      opened.onClosed((error) => {
        if (session !== opened) return; // an old session, replaced or closed by us
        if (error === null) {
          session = null;
          setState({ stage: 'offline' });
          return;
        }
        // Keep a resumable session: the next verified connection continues it instead of starting over.
        if (!opened.resumable) session = null;
        if (isFinal(error)) setState({ stage: 'failed', error: describeConnectionError(error), verdict: lastVerdict });
        else scheduleReconnect(describeConnectionError(error));
      });
      setState({ stage: 'online', endpoint: verdict.endpoint, verdict, fullJid: opened.fullJid });
      deps.onOnline(opened, verdict, false);
    } catch (error) {
      if (attempt !== controller || controller.signal.aborted) return;
      const described = describeConnectionError(error);
      if (isFinal(error)) {
        setState({ stage: 'failed', error: described, verdict: lastVerdict });
        password = isAuthFailure(described) ? null : password;
      } else {
        scheduleReconnect(described);
      }
    }
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
      return lastVerdict;
    },
    connect: (pw) => {
      stop();
      password = pw;
      retries = 0;
      void run();
    },
    disconnect: async () => {
      stop();
      pending?.resolve('cancel');
      password = null;
      acceptedOnceSpki = null;
      const open = session;
      session = null;
      if (open) await open.close().catch(() => undefined);
      setState({ stage: 'offline' });
    },
    decide: (requestId, decision) => {
      if (!pending || pending.requestId !== requestId) return false;
      pending.resolve(decision);
      return true;
    },
  };
}

export class TrustCancelledError extends Error {
  override name = 'TrustCancelledError';
}

export class PasswordNeededError extends Error {
  override name = 'PasswordNeededError';
  constructor() {
    super('No password is saved for this account. Enter it to connect.');
  }
}

function isAuthFailure(error: ConnectionError): boolean {
  return error.kind === 'authentication' || error.kind === 'password-needed';
}
