/**
 * Pin approval: what the user is asked when a server could not be verified, what each answer means, and the
 * verdict that follows from it (trust-ux.md). Pure: the flow that asks, stores and reconnects is
 * trust-decision-flow.ts.
 *
 *   no pin for the domain          → cancel, connect once, or pin this key       ('pin')
 *   a different key is pinned      → cancel, connect once, or replace that pin   ('replace-pin')
 *   the domain's POSH names others → cancel or check again, no override (like HSTS: the domain's own
 *                                    statement contradicts this server, so the user cannot outvote it)
 *   bound login before, cannot bind → cancel, or log in without channel binding      ('log-in-unbound')
 *
 * An answer that was not offered counts as "cancel": a stale or forged answer must never pin a key over an
 * existing pin without the question that says a pin is being replaced.
 */
import type { AccountId, TrustDecision, TrustDecisionRequest, UnboundLoginQuestion } from '../../app/domain/account.js';
import type { TrustChange } from '../../app/domain/trust-change.js';
import { XMPP_CLIENT_SERVICE, type Pin, type TrustVerdict } from '../../app/domain/trust.js';
import { decideTrust } from '../trust/verdict.js';

export type UnverifiedVerdict = TrustVerdict & { readonly verified: false };

/** The question for an unverified verdict. */
export function decisionRequest(requestId: string, accountId: AccountId, verdict: UnverifiedVerdict): TrustDecisionRequest {
  const previousPin = verdict.pin.status === 'mismatch' ? verdict.pin.pin : null;
  const choices: readonly TrustDecision[] =
    verdict.undecided === 'posh-mismatch' ? ['cancel', 'check-again'] : ['cancel', 'connect-once', previousPin ? 'replace-pin' : 'pin'];
  return { requestId, accountId, verdict, previousPin, choices };
}

/**
 * The question for a verified connection whose login could not be bound although the last one was (posh.md
 * §7.5): Cancel, or log in without channel binding.
 */
export function unboundLoginRequest(requestId: string, accountId: AccountId, verdict: TrustVerdict, question: UnboundLoginQuestion): TrustDecisionRequest {
  return { requestId, accountId, verdict, previousPin: null, choices: ['cancel', 'log-in-unbound'], unboundLogin: question };
}

/** The answer as it counts: one that was not offered is "cancel". */
export function offeredOrCancel(request: TrustDecisionRequest, decision: TrustDecision): TrustDecision {
  return request.choices.includes(decision) ? decision : 'cancel';
}

/**
 * The trust change an answer asks for, for the main process's own confirmation; null for "cancel", which
 * changes nothing and needs no confirmation.
 */
export function trustChangeFor(domain: string, request: TrustDecisionRequest, decision: TrustDecision): TrustChange | null {
  const key = { spkiSha256: request.verdict.certificate.spkiSha256, certificate: request.verdict.certificate };
  switch (decision) {
    case 'cancel':
    case 'check-again':
      return null;
    case 'connect-once':
      return { kind: 'connect-once', domain, key };
    case 'pin':
      return { kind: 'pin', domain, key };
    case 'log-in-unbound': {
      const question = request.unboundLogin;
      // Offered only with the channel-binding question (unboundLoginRequest), so it is there; refuse otherwise.
      if (question === undefined) return null;
      return { kind: 'unbound-login', domain, previous: question.previous, unbound: question.unbound };
    }
    case 'replace-pin': {
      const previous = request.previousPin;
      // Offered only when another key is pinned (decisionRequest), so previous is there; refuse otherwise.
      if (previous === null) return null;
      return { kind: 'replace-pin', domain, previous: { spkiSha256: previous.spkiSha256, certificate: previous.certificate }, next: key };
    }
  }
}

/** The pin an answer approves for `domain` (the JID domain as an A-label), or null when it approves none. */
export function approvedPin(domain: string, verdict: TrustVerdict, decision: TrustDecision, now: Date): Pin | null {
  if (decision !== 'pin' && decision !== 'replace-pin') return null;
  const at = now.toISOString();
  return {
    domain,
    service: XMPP_CLIENT_SERVICE,
    spkiSha256: verdict.certificate.spkiSha256,
    certificate: verdict.certificate,
    approvedAt: at,
    approvedHow: decision === 'pin' ? 'pinned' : 'replaced',
    lastSeenAt: at,
    mismatchSince: null,
  };
}

/**
 * The verdict for the same connection after the user's answer, decided again by the same rules (so the badge,
 * summary and delegation story say "pinned by you" or "accepted once", not the question's text).
 */
export function reconsider(verdict: TrustVerdict, answer: { readonly pin: Pin | null; readonly acceptedOnceSpki: string | null }, now: Date): TrustVerdict {
  return decideTrust({
    domain: verdict.domain,
    endpoint: verdict.endpoint,
    certificate: verdict.certificate,
    chain: verdict.chain,
    pkix: verdict.pkix,
    posh: verdict.posh,
    pin: answer.pin ? { status: 'match', pin: answer.pin } : verdict.pin,
    acceptedOnce: answer.acceptedOnceSpki === verdict.certificate.spkiSha256,
    now,
  });
}
