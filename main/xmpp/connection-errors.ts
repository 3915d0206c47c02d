/**
 * Turns any failure of a connection attempt into words for the user and decides whether retrying could help.
 * Trust and authentication failures are final: retrying them in a loop would hammer the server and, worse,
 * teach the user to ignore the dialog.
 */
import type { ConnectionError, ConnectionErrorKind } from '../../app/domain/account.js';
import { ConnectError, StreamNegotiationError, TlsRequiredError } from './errors.js';
import { shouldReconnect } from './reconnect-policy.js';
import { XmppResolveError } from './resolve-error.js';

const FINAL_BY_NAME: Record<string, ConnectionErrorKind> = {
  TrustCancelledError: 'trust-cancelled',
  PasswordNeededError: 'password-needed',
  AuthenticationError: 'authentication',
  MechanismDowngradeError: 'mechanism-downgrade',
  TlsRequiredError: 'tls-required',
  CertificateParseError: 'internal',
};

export function isFinal(error: unknown): boolean {
  if (error instanceof XmppResolveError) return error.failure.kind !== 'dns-failure';
  if (error instanceof Error && error.name in FINAL_BY_NAME) return true;
  return !shouldReconnect(error);
}

export function describeConnectionError(error: unknown): ConnectionError {
  if (!(error instanceof Error)) return { kind: 'internal', message: 'Something unexpected went wrong while connecting.' };
  const finalKind = FINAL_BY_NAME[error.name];
  if (finalKind) return { kind: finalKind, message: error.message };
  if (error instanceof XmppResolveError) return { kind: 'resolve', message: error.message };
  if (error instanceof TlsRequiredError) return { kind: 'tls-required', message: error.message };
  if (error instanceof ConnectError || error instanceof StreamNegotiationError) {
    return { kind: 'connect', message: `${error.message} Check your network connection; Hostproof will keep trying.` };
  }
  if (error.name === 'StreamError') return { kind: 'stream', message: error.message };
  return { kind: 'connect', message: error.message };
}
