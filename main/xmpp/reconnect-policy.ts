/**
 * When to reconnect after a connection ends, and how long to wait.
 *
 * Delay: exponential backoff with "full jitter" (a uniform draw in [0, min(cap, base·2^(attempt-1)))), so
 * many clients that lost the same server do not return in lock-step. The caller counts attempts and starts
 * again at 1 after a success. Pure: the random source is a parameter.
 *
 * Whether: never after a failure that retrying cannot fix and that a loop would make worse: a refused login
 * (hammering the server, locking the account), a server that could not prove the password, a trust failure
 * (retrying would teach the user to ignore the dialog), a server without TLS, a mechanism downgrade, and the
 * stream errors that mean "do not come back like this" (e.g. `conflict`: another device took our resource;
 * reconnecting would kick it off in turn, forever).
 */
import { AuthenticationError, MechanismDowngradeError, StreamError, TlsRequiredError } from './errors.js';

export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * Milliseconds to wait before reconnect attempt `attempt` (1-based). `random` returns a number in [0, 1).
 */
export function nextDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity for huge attempts; min() with the cap keeps the ceiling finite.
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(exponent, 1024));
  const draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(draw * ceiling);
}

/** Stream errors after which reconnecting automatically would not help or would do harm (RFC 6120 §4.9.3). */
const FINAL_STREAM_CONDITIONS: ReadonlySet<string> = new Set([
  'conflict',
  'not-authorized',
  'policy-violation',
  'host-unknown',
  'host-gone',
  'improper-addressing',
  'invalid-from',
  'invalid-namespace',
  'see-other-host',
  'unsupported-version',
  'unsupported-stanza-type',
  'unsupported-feature',
  'unsupported-encoding',
]);

/**
 * Errors of the trust layer, known by name because they are thrown by the connection controller rather than
 * by this module's neighbours (a user's "cancel" in the trust dialog, or an unverifiable server).
 */
const TRUST_FAILURE_NAMES: ReadonlySet<string> = new Set(['TrustCancelledError', 'TrustFailureError', 'CertificateParseError']);

export function shouldReconnect(error: unknown): boolean {
  if (error instanceof AuthenticationError) return false;
  if (error instanceof MechanismDowngradeError) return false;
  if (error instanceof TlsRequiredError) return false;
  if (error instanceof StreamError) return !FINAL_STREAM_CONDITIONS.has(error.condition);
  if (error instanceof Error && TRUST_FAILURE_NAMES.has(error.name)) return false;
  return true;
}

/** The attempt counter's rule: reset on success, otherwise one more. */
export function nextAttempt(previous: number, succeeded: boolean): number {
  return succeeded ? 0 : previous + 1;
}
