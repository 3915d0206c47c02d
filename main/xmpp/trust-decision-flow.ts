/**
 * The trust decision flow of one account: connect and verify, log the verdict, ask the user when it is not
 * verified (pin-approval.ts says what is asked and what each answer means), apply the answer (store the pin,
 * or remember "connect once" in memory), reconsider the verdict, and connect again when the server hung up
 * while the user was reading. Nothing here sends a credential: establish() hands back a connection whose
 * verdict is verified, and only then may the caller log in on it.
 */
import { randomUUID } from 'node:crypto';
import type { AccountId, ConnectionState, TrustDecision, TrustDecisionRequest, UnboundLoginQuestion } from '../../app/domain/account.js';
import { XMPP_CLIENT_SERVICE, type Pin, type TrustVerdict } from '../../app/domain/trust.js';
import type { CertificateSummary } from '../../app/domain/certificate.js';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import { trustLogEntryFrom } from '../../app/domain/trust-log-entry.js';
import type { TrustLogEntryV2 } from '../../app/domain/trust-records.js';
import type { ConfiguredServer } from './candidate.js';
import type { ConnectVerifiedRequest, VerifiedConnection } from './connect-verified.js';
import { TrustCancelledError } from './errors.js';
import { approvedPin, decisionRequest, offeredOrCancel, reconsider, trustChangeFor, unboundLoginRequest } from './pin-approval.js';

/** How many times one attempt may ask the user (a server that changes key between our reconnects). */
export const MAX_DECISIONS_PER_ATTEMPT = 3;

export interface PinWriter {
  put(pin: Pin): Promise<void>;
  /** Records that the pinned key was seen again; false when no such pin exists. */
  touch(domain: string, service: typeof XMPP_CLIENT_SERVICE, seenAt: string, certificate: CertificateSummary): Promise<boolean>;
  /** Records that the server presented another key than the pinned one (the first time is kept). */
  markMismatch(domain: string, service: typeof XMPP_CLIENT_SERVICE, at: string): Promise<boolean>;
}

/** A verdict that verified: it carries the method (pkix, posh, pin or accepted-once) the session needs. */
export type ProvenVerdict = Extract<TrustVerdict, { readonly verified: true }>;

/** What establish() hands back: a connection whose verdict is verified, by the type and not by convention. */
export interface EstablishedConnection extends VerifiedConnection {
  readonly verdict: ProvenVerdict;
}

export interface TrustDecisionFlowDeps {
  readonly accountId: AccountId;
  /** The JID domain as an A-label. */
  readonly domain: string;
  readonly server: ConfiguredServer | null;
  readonly connectVerified: (request: ConnectVerifiedRequest) => Promise<VerifiedConnection>;
  readonly pins: PinWriter;
  readonly log: (entry: TrustLogEntryV2) => Promise<void>;
  readonly now: () => Date;
  /** The attempt's stages: resolving, connecting, verifying, and awaiting-decision while the user is asked. */
  readonly onProgress: (state: ConnectionState) => void;
  readonly onDecisionNeeded: (request: TrustDecisionRequest) => void;
  /** The main process's own confirmation of an answer that changes trust (pin, replace, connect once). */
  readonly confirm: ConfirmTrustChange;
  /** Drops the remembered POSH answer for the domain, so "check again" asks its web site afresh. */
  readonly forgetPosh: (domain: string) => Promise<void>;
  /** Question ids; unpredictable by default, so only the window that was asked can answer. */
  readonly requestIds?: () => string;
}

export interface TrustDecisionFlow {
  /** Connects and verifies until the verdict is verified, the user cancels, or `signal` aborts. */
  establish(signal: AbortSignal): Promise<EstablishedConnection>;
  /** The verdict of the last connection (after the user's answer, the reconsidered one). */
  readonly lastVerdict: TrustVerdict | null;
  /**
   * Answers the pending question. An answer that changes trust counts only after the person confirmed it in
   * the main process's own dialog: 'not-confirmed' leaves the question open and changes nothing.
   */
  decide(requestId: string, decision: TrustDecision): Promise<DecideOutcome>;
  /**
   * Asks whether to log in without channel binding on a verified connection whose login could not be bound
   * although the account's last one was (posh.md §7.5), through the same question and answer as a server's
   * identity; 'log-in-unbound' only after the main process's own confirmation. The answer is logged.
   */
  askUnboundLogin(verdict: ProvenVerdict, question: UnboundLoginQuestion, signal: AbortSignal): Promise<TrustDecision>;
  /** The user disconnected: a pending question counts as "cancel", and "connect once" is forgotten. */
  forget(): void;
  /**
   * Ends "connect once" without touching a pending question: a new Connect or an edit of the account means the
   * user starts over, and the next connection must be verified, or asked about, afresh.
   */
  forgetAcceptedOnce(): void;
}

export type DecideOutcome = 'answered' | 'not-confirmed' | 'unknown-question';

export function createTrustDecisionFlow(deps: TrustDecisionFlowDeps): TrustDecisionFlow {
  const requestIds = deps.requestIds ?? randomUUID;
  let lastVerdict: TrustVerdict | null = null;
  /** "Connect once": the exact key the user accepted, in memory only (so a restart ends it), until forget(). */
  let acceptedOnceSpki: string | null = null;
  let pending: { readonly request: TrustDecisionRequest; readonly resolve: (decision: TrustDecision) => void } | null = null;

  const log = async (verdict: TrustVerdict, decision?: TrustDecision) => {
    try {
      await deps.log(trustLogEntryFrom(verdict, { at: deps.now().toISOString(), account: deps.accountId, decision }));
    } catch {
      // The log is a record, not a gate: a full disk must not stop a verified connection.
    }
  };

  const ask = async (request: TrustDecisionRequest, signal: AbortSignal): Promise<TrustDecision> => {
    // Never ask on behalf of an attempt that is already over: nobody would use the answer.
    if (signal.aborted) return 'cancel';
    deps.onProgress({ stage: 'awaiting-decision', endpoint: request.verdict.endpoint, request });
    const decision = await new Promise<TrustDecision>((resolve) => {
      pending = { request, resolve };
      signal.addEventListener('abort', () => resolve('cancel'), { once: true });
      deps.onDecisionNeeded(request);
    });
    pending = null;
    return offeredOrCancel(request, decision);
  };

  /** Stores what the answer approves; returns the pin it created, if any. */
  const apply = async (verdict: TrustVerdict, decision: TrustDecision): Promise<Pin | null> => {
    if (decision === 'connect-once') acceptedOnceSpki = verdict.certificate.spkiSha256;
    const pin = approvedPin(deps.domain, verdict, decision, deps.now());
    if (pin) await deps.pins.put(pin);
    return pin;
  };

  /**
   * Keeps the pin's record of the server up to date: seen now (and, for a pin made from a published fingerprint,
   * the certificate that carries the key), or since when the server presents another key.
   */
  const notePinAgreement = async (verdict: TrustVerdict) => {
    const at = deps.now().toISOString();
    if (verdict.pin.status === 'none') return;
    if (verdict.certificate.spkiSha256 === verdict.pin.pin.spkiSha256) await deps.pins.touch(deps.domain, XMPP_CLIENT_SERVICE, at, verdict.certificate);
    else await deps.pins.markMismatch(deps.domain, XMPP_CLIENT_SERVICE, at);
  };

  const establish = async (signal: AbortSignal): Promise<EstablishedConnection> => {
    for (let asked = 0; ; asked += 1) {
      const result = await deps.connectVerified({
        domain: deps.domain,
        configured: deps.server ?? undefined,
        acceptedOnceSpki,
        signal,
        onStage: (stage) => deps.onProgress(stage.stage === 'resolving' ? { stage: 'resolving' } : { stage: stage.stage, endpoint: stage.endpoint }),
      });
      const { verdict, connection } = result;
      lastVerdict = verdict;
      await log(verdict);
      await notePinAgreement(verdict);
      if (verdict.verified) return { ...result, verdict };
      if (asked >= MAX_DECISIONS_PER_ATTEMPT) {
        connection.socket.destroy();
        throw new TrustCancelledError('The server kept presenting keys you had not approved; Hostproof stopped asking.');
      }
      const decision = await ask(decisionRequest(requestIds(), deps.accountId, verdict), signal);
      await log(verdict, decision);
      if (decision === 'cancel') {
        connection.socket.destroy();
        throw new TrustCancelledError(`You chose not to connect to ${verdict.endpoint.host}. Nothing was sent to it.`);
      }
      if (decision === 'check-again') {
        // Nothing is approved: the same rules run again on a new connection, with POSH fetched afresh.
        connection.socket.destroy();
        await deps.forgetPosh(deps.domain);
        continue;
      }
      const pin = await apply(verdict, decision);
      // The server may have given up waiting while the user read the dialog. Then connect again: the new
      // connection is verified from scratch and passes only by the pin or the once-accepted key — the same key.
      if (!connection.socket.destroyed && connection.socket.readyState === 'open') {
        const accepted = reconsider(verdict, { pin, acceptedOnceSpki }, deps.now());
        if (accepted.verified) {
          lastVerdict = accepted;
          return { ...result, verdict: accepted };
        }
      }
      connection.socket.destroy();
    }
  };

  return {
    establish,
    get lastVerdict() {
      return lastVerdict;
    },
    askUnboundLogin: async (verdict, question, signal) => {
      const decision = await ask(unboundLoginRequest(requestIds(), deps.accountId, verdict, question), signal);
      await log(verdict, decision);
      return decision;
    },
    decide: async (requestId, decision) => {
      const question = pending;
      if (!question || question.request.requestId !== requestId) return 'unknown-question';
      const answer = offeredOrCancel(question.request, decision);
      const change = trustChangeFor(deps.domain, question.request, answer);
      if (change !== null && !(await deps.confirm(change))) return 'not-confirmed';
      // The attempt may have ended while the confirmation was open: then the answer has nobody to go to.
      if (pending !== question) return 'unknown-question';
      question.resolve(answer);
      return 'answered';
    },
    forget: () => {
      pending?.resolve('cancel');
      acceptedOnceSpki = null;
    },
    forgetAcceptedOnce: () => {
      acceptedOnceSpki = null;
    },
  };
}
