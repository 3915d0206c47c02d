/**
 * The one way a verdict becomes a trust-log line: the outcome, the endpoint and fingerprints, and the why
 * (summary, warnings, delegation steps in short), taken from the verdict as it is, so the history says what
 * the window said at the time. Pure, so the line for every kind of verdict is unit-tested.
 */
import type { TrustDecision } from './account.js';
import type { LoginProtection } from './sasl-mechanism.js';
import { TRUST_LOG_LIMITS, TRUST_LOG_LINE_VERSION, type TrustLogEntryV2 } from './trust-records.js';
import type { TrustVerdict } from './trust.js';

export interface TrustLogContext {
  /** ISO time of the verification or decision. */
  readonly at: string;
  readonly account: string;
  /** Present when the line records the user's answer to a question rather than a verification. */
  readonly decision?: TrustDecision;
  /** Present when the line records a login on the verified connection and how it was protected. */
  readonly login?: LoginProtection;
}

export function trustLogEntryFrom(verdict: TrustVerdict, context: TrustLogContext): TrustLogEntryV2 {
  const outcome = verdict.verified
    ? { verified: true as const, method: verdict.method, undecided: null }
    : { verified: false as const, method: null, undecided: verdict.undecided };
  const kind =
    context.decision !== undefined
      ? { kind: 'decision' as const, decision: context.decision }
      : context.login !== undefined
        ? { kind: 'login' as const, login: { mechanism: context.login.mechanism, channelBinding: context.login.channelBinding } }
        : { kind: 'verification' as const };
  return {
    v: TRUST_LOG_LINE_VERSION,
    at: context.at,
    account: context.account,
    ...kind,
    domain: verdict.domain,
    host: verdict.endpoint.host,
    port: verdict.endpoint.port,
    certificateSha256: verdict.certificate.sha256,
    spkiSha256: verdict.certificate.spkiSha256,
    ...outcome,
    summary: clip(verdict.summary, TRUST_LOG_LIMITS.summary),
    warnings: [...verdict.warnings],
    delegation: verdict.delegation
      .slice(0, TRUST_LOG_LIMITS.steps)
      .map((step) => ({ kind: step.kind, label: clip(step.label, TRUST_LOG_LIMITS.label), authenticated: step.authenticated })),
  };
}

/** Shortens text to `max` characters, ending in "…", without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
