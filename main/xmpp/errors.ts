/**
 * Typed connection errors. Each message is written for the person using the app; `kind` is for code: retry
 * decisions (reconnect-policy.ts) and the user-facing kind (connection-errors.ts) switch on it, never on a
 * class name, so renaming or subclassing an error cannot turn a wrong password into something retried.
 */

import type { MechanismName } from '../../app/domain/sasl-mechanism.js';
import type { StreamViolation } from './session/stream-guard.js';

/** Every failure our connection code throws, as a closed set. */
export type XmppErrorKind =
  | 'resolve'
  | 'tls-required'
  | 'stream-negotiation'
  | 'connect'
  | 'authentication'
  | 'mechanism-downgrade'
  | 'stream'
  | 'stream-refused'
  | 'connection-lost'
  | 'session-timeout'
  | 'session-protocol'
  | 'not-connected'
  | 'request-timeout'
  | 'trust-cancelled'
  | 'password-needed';

export abstract class XmppError extends Error {
  abstract readonly kind: XmppErrorKind;
}

export class TlsRequiredError extends XmppError {
  override readonly kind = 'tls-required';
  override name = 'TlsRequiredError';
  constructor(readonly endpoint: string) {
    super(`${endpoint} does not offer an encrypted connection (no STARTTLS), so Hostproof did not continue.`);
  }
}

export class StreamNegotiationError extends XmppError {
  override readonly kind = 'stream-negotiation';
  override name = 'StreamNegotiationError';
  constructor(
    readonly endpoint: string,
    detail: string,
  ) {
    super(`${endpoint} did not set up the encrypted connection correctly: ${detail}`);
  }
}

export interface CandidateFailure {
  readonly endpoint: string;
  readonly directTls: boolean;
  readonly reason: string;
}

export class ConnectError extends XmppError {
  override readonly kind = 'connect';
  override name = 'ConnectError';
  constructor(
    readonly domain: string,
    readonly failures: readonly CandidateFailure[],
  ) {
    super(
      failures.length === 0
        ? `No server for ${domain} could be found.`
        : `Could not connect to any server for ${domain}: ${failures.map((f) => `${f.endpoint} (${f.reason})`).join('; ')}.`,
    );
  }
}

// ---------- The XMPP session (after TLS was verified) ----------

/**
 * Why logging in failed. `rejected`: the server said no (RFC 6120 §6.5 condition; `not-authorized` is the
 * wrong user name or password). `server-not-proven`: the server could not prove it knows the password (a
 * wrong or missing SCRAM server signature, or a malformed SCRAM message): whoever answered may be an impostor.
 * `no-usable-mechanism`: nothing in the server's offer is something we support. `plain-refused`: the server
 * offers only PLAIN (the password in clear) and its identity was not proven by PKIX, POSH or a pin (e.g. the
 * user accepted its key once), so nothing was sent. `credentials-unusable`: the
 * user name or password cannot be prepared for SASL (SASLprep), so nothing was sent.
 */
export type AuthenticationFailure =
  | { readonly kind: 'rejected'; readonly condition: string; readonly serverText: string | null }
  | { readonly kind: 'server-not-proven'; readonly detail: string }
  | { readonly kind: 'no-usable-mechanism'; readonly offered: readonly string[]; readonly detail: string }
  | { readonly kind: 'plain-refused'; readonly offered: readonly string[]; readonly detail: string }
  | { readonly kind: 'credentials-unusable'; readonly detail: string };

export class AuthenticationError extends XmppError {
  override readonly kind = 'authentication';
  override name = 'AuthenticationError';
  constructor(readonly failure: AuthenticationFailure) {
    super(describeAuthenticationFailure(failure));
  }
}

function describeAuthenticationFailure(failure: AuthenticationFailure): string {
  switch (failure.kind) {
    case 'rejected':
      return `${rejectionWords(failure.condition)}${failure.serverText ? ` The server said: "${failure.serverText}".` : ''}`;
    case 'server-not-proven':
      return `The server accepted the login but ${failure.detail}. It may not be your real server, so Hostproof disconnected.`;
    case 'no-usable-mechanism':
    case 'plain-refused':
      return failure.detail;
    case 'credentials-unusable':
      return `The user name or password cannot be used to log in: ${failure.detail}. Nothing was sent.`;
  }
}

function rejectionWords(condition: string): string {
  switch (condition) {
    case 'not-authorized':
      return 'The server did not accept the user name or password.';
    case 'account-disabled':
      return 'The server says this account is disabled.';
    case 'credentials-expired':
      return 'The server says the password has expired. Change it with your provider, then log in again.';
    case 'temporary-auth-failure':
      return 'The server could not check the password right now (a temporary failure on its side).';
    case 'encryption-required':
    case 'mechanism-too-weak':
    case 'invalid-mechanism':
      return `The server refused the login method Hostproof used ("${condition}").`;
    default:
      return `The server refused the login ("${condition}").`;
  }
}

/** What the user may be asked when a login that was bound before cannot be bound now (account-connection.ts). */
export interface BindingLost {
  readonly previous: MechanismName;
  readonly unbound: MechanismName;
  readonly why: string;
}

/**
 * The server now offers only a weaker login method than the one this account used before (posh.md §7.5).
 * `bindingLost` is set when the weaker method is SCRAM without channel binding after a bound login: the one
 * case the user may answer (log in unbound); nothing was sent either way.
 */
export class MechanismDowngradeError extends XmppError {
  override readonly kind = 'mechanism-downgrade';
  override name = 'MechanismDowngradeError';
  constructor(
    readonly previous: string,
    readonly offered: readonly string[],
    message: string,
    readonly bindingLost: BindingLost | null = null,
  ) {
    super(message);
  }
}

/** The server ended the stream with a stream error (RFC 6120 §4.9): the condition and its optional text. */
export class StreamError extends XmppError {
  override readonly kind = 'stream';
  override name = 'StreamError';
  constructor(
    readonly condition: string,
    readonly text: string | null = null,
  ) {
    super(`${streamErrorWords(condition)}${text ? ` The server said: "${text}".` : ''}`);
  }
}

/**
 * We ended the stream: the server sent something past our limits (stream-guard.ts), and we answered with the
 * stream error `condition` before closing.
 */
export class StreamRefusedError extends XmppError {
  override readonly kind = 'stream-refused';
  override name = 'StreamRefusedError';
  constructor(readonly violation: StreamViolation) {
    super(`Hostproof closed the connection because the server sent ${violationWords(violation)}.`);
  }
}

function violationWords(violation: StreamViolation): string {
  switch (violation.kind) {
    case 'too-large':
      return `a single message or element larger than the limit of ${Math.round(violation.limit / 1024)} KiB`;
    case 'too-deep':
      return `an element nested more than ${violation.limit} levels deep`;
    case 'restricted-xml':
      return `${violation.what}, which XMPP does not allow`;
  }
}

function streamErrorWords(condition: string): string {
  switch (condition) {
    case 'conflict':
      return 'Another device logged in with the same resource name and replaced this connection.';
    case 'system-shutdown':
      return 'The server is shutting down.';
    case 'connection-timeout':
      return 'The server closed the connection after a period without traffic.';
    case 'policy-violation':
      return 'The server closed the connection because of a policy violation.';
    case 'not-authorized':
      return 'The server closed the connection: not authorized.';
    case 'see-other-host':
      return 'The server asked Hostproof to connect to another host, which it does not follow without verifying it.';
    default:
      return `The server closed the connection with the error "${condition}".`;
  }
}

/** The connection ended while logging in or while online, without a stream error. */
export class ConnectionLostError extends XmppError {
  override readonly kind = 'connection-lost';
  override name = 'ConnectionLostError';
  constructor(detail: string) {
    super(`The connection to the server was lost: ${detail}.`);
  }
}

/** The server did not finish a step of logging in (or answer a keep-alive) in time. */
export class SessionTimeoutError extends XmppError {
  override readonly kind = 'session-timeout';
  override name = 'SessionTimeoutError';
  constructor(step: string, timeoutMs: number) {
    super(`The server did not ${step} within ${Math.round(timeoutMs / 1000)} s.`);
  }
}

/** The server broke the XMPP protocol in a way the session cannot continue from. */
export class SessionProtocolError extends XmppError {
  override readonly kind = 'session-protocol';
  override name = 'SessionProtocolError';
  constructor(detail: string) {
    super(`The server did not follow the XMPP protocol: ${detail}.`);
  }
}

/** A stanza was sent while no session is online and none can be resumed. */
export class NotConnectedError extends XmppError {
  override readonly kind = 'not-connected';
  override name = 'NotConnectedError';
  constructor() {
    super('Not connected to the server.');
  }
}

/** An iq request got no answer in time (XmppLink.request). */
export class RequestTimeoutError extends XmppError {
  override readonly kind = 'request-timeout';
  override name = 'RequestTimeoutError';
  constructor(
    readonly request: string,
    readonly timeoutMs: number,
  ) {
    super(`No answer to the request ${request} within ${Math.round(timeoutMs / 1000)} s.`);
  }
}

// ---------- Decided by the connection controller ----------

/** The user chose not to connect in the trust dialog, or stopped being asked (trust-decision-flow.ts). */
export class TrustCancelledError extends XmppError {
  override readonly kind = 'trust-cancelled';
  override name = 'TrustCancelledError';
}

export class PasswordNeededError extends XmppError {
  override readonly kind = 'password-needed';
  override name = 'PasswordNeededError';
  constructor() {
    super('No password is saved for this account. Enter it to connect.');
  }
}
