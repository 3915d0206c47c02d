/**
 * Turns any failure of a connection attempt into words for the user and decides whether retrying could help.
 * Trust and authentication failures are final: retrying them in a loop would hammer the server and, worse,
 * teach the user to ignore the dialog. Both decisions go by the error's kind (errors.ts), never its name.
 */
import type { ConnectionError, ConnectionErrorKind } from '../../app/domain/account.js';
import { CertificateParseError } from '../trust/certificate.js';
import type { XmppErrorKind } from './errors.js';
import { knownXmppError } from './known-error.js';
import { shouldReconnect } from './reconnect-policy.js';

/** Our kinds as the window shows them: everything about reaching the server is one 'connect'. */
const USER_KIND: Record<XmppErrorKind, ConnectionErrorKind> = {
  resolve: 'resolve',
  'tls-required': 'tls-required',
  'stream-negotiation': 'connect',
  connect: 'connect',
  authentication: 'authentication',
  'mechanism-downgrade': 'mechanism-downgrade',
  stream: 'stream',
  'stream-refused': 'stream',
  'connection-lost': 'connect',
  'session-timeout': 'connect',
  'session-protocol': 'connect',
  'not-connected': 'connect',
  'request-timeout': 'connect',
  'trust-cancelled': 'trust-cancelled',
  'password-needed': 'password-needed',
};

export function isFinal(error: unknown): boolean {
  return !shouldReconnect(error);
}

export function describeConnectionError(error: unknown): ConnectionError {
  const known = knownXmppError(error);
  if (known !== null) {
    // Only "could not reach the server" gets the hint; the other messages say themselves what to do.
    const unreachable = known.kind === 'connect' || known.kind === 'stream-negotiation';
    return {
      kind: USER_KIND[known.kind],
      message: unreachable ? `${known.message} Check your network connection; Hostproof will keep trying.` : known.message,
    };
  }
  if (error instanceof CertificateParseError) return { kind: 'internal', message: error.message };
  if (error instanceof Error) return { kind: 'connect', message: error.message };
  return { kind: 'internal', message: 'Something unexpected went wrong while connecting.' };
}
