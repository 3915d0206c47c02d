/**
 * Our connection errors as one discriminated union: a `switch (error.kind)` narrows to the class and its data
 * (a stream error's condition, a resolve failure's detail) without a cast at each use and without a class name.
 */
import {
  AuthenticationError,
  ConnectError,
  ConnectionLostError,
  MechanismDowngradeError,
  NotConnectedError,
  PasswordNeededError,
  RequestTimeoutError,
  SessionProtocolError,
  SessionTimeoutError,
  StreamError,
  StreamNegotiationError,
  StreamRefusedError,
  TlsRequiredError,
  TrustCancelledError,
  XmppError,
  type XmppErrorKind,
} from './errors.js';
import type { XmppResolveError } from './resolve-error.js';

export type KnownXmppError =
  | XmppResolveError
  | TlsRequiredError
  | StreamNegotiationError
  | ConnectError
  | AuthenticationError
  | MechanismDowngradeError
  | StreamError
  | StreamRefusedError
  | ConnectionLostError
  | SessionTimeoutError
  | SessionProtocolError
  | NotConnectedError
  | RequestTimeoutError
  | TrustCancelledError
  | PasswordNeededError;

// A kind added to XmppErrorKind without its class in the union above fails to compile here.
type Uncovered = Exclude<XmppErrorKind, KnownXmppError['kind']>;
const _everyKindHasItsClass: [Uncovered] extends [never] ? true : Uncovered = true;

/** The error as one of ours, or null for anything else (a bug, a library's error we did not map). */
export function knownXmppError(error: unknown): KnownXmppError | null {
  // Each XmppError subclass declares its kind as a literal, so the kind says which member of the union it is.
  return error instanceof XmppError ? (error as KnownXmppError) : null;
}
