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
import { CertificateParseError } from '../trust/certificate.js';
import { knownXmppError } from './known-error.js';

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

/** Decided by the error's kind (errors.ts), never by its class name. */
export function shouldReconnect(error: unknown): boolean {
  // A certificate that cannot even be read does not become readable by dialling again.
  if (error instanceof CertificateParseError) return false;
  const known = knownXmppError(error);
  // Not one of ours (a bug, an unmapped library error): trying again, with backoff, is the safe default.
  if (known === null) return true;
  switch (known.kind) {
    case 'authentication':
    case 'mechanism-downgrade':
    case 'tls-required':
    case 'trust-cancelled':
    case 'password-needed':
      return false;
    case 'stream':
      return !FINAL_STREAM_CONDITIONS.has(known.condition);
    case 'resolve':
      // "No such server" stays true until someone changes DNS; only a failed lookup may work next time.
      return known.failure.kind === 'dns-failure';
    // We refused what the server sent (too large, too deep, a DTD): the next connection may be fine, and the
    // backoff keeps a server that repeats it from turning this into a tight loop.
    case 'stream-refused':
    case 'stream-negotiation':
    case 'connect':
    case 'connection-lost':
    case 'session-timeout':
    case 'session-protocol':
    case 'not-connected':
    case 'request-timeout':
      return true;
  }
}

/** The attempt counter's rule: reset on success, otherwise one more. */
export function nextAttempt(previous: number, succeeded: boolean): number {
  return succeeded ? 0 : previous + 1;
}
