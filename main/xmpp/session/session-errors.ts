/**
 * The one place where what xmpp.js reports through its 'error' event becomes our typed errors. xmpp.js's own
 * classes are recognised by name here and nowhere else: past this boundary only our kinds (errors.ts) decide.
 */
import { ConnectionLostError, SessionProtocolError, SessionTimeoutError } from '../errors.js';

/** Socket errors, XML errors and xmpp.js's own failures, each given a typed meaning. */
export function toSessionError(error: unknown, streamMs: number): Error {
  if (!(error instanceof Error)) return new ConnectionLostError(String(error));
  // @xmpp/xml's XMLError: the server's bytes are not well-formed XML.
  if (error.name === 'XMLError') return new SessionProtocolError(`it sent malformed XML (${error.message})`);
  // @xmpp/events' TimeoutError: a stream open or restart the server did not answer.
  if (error.name === 'TimeoutError') return new SessionTimeoutError('open the XMPP stream', streamMs);
  if ('code' in error && typeof error.code === 'string' && /^(E[A-Z]+|ERR_)/.test(error.code)) return new ConnectionLostError(error.message);
  return error;
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
