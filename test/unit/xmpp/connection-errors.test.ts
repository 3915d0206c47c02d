/**
 * Which failures are final and what kind the window is told, decided by each error's typed kind. The
 * renamed-class cases are the point: a class name is not a contract, so a wrong password must stay final and
 * say "authentication" whatever its class is called, and a foreign error that merely borrows one of our
 * names must not be mistaken for ours.
 */
import { describe, expect, it } from 'vitest';
import { CertificateParseError } from '../../../main/trust/certificate.js';
import { describeConnectionError, isFinal } from '../../../main/xmpp/connection-errors.js';
import {
  AuthenticationError,
  ConnectError,
  ConnectionLostError,
  MechanismDowngradeError,
  PasswordNeededError,
  SessionProtocolError,
  SessionTimeoutError,
  StreamError,
  StreamNegotiationError,
  TlsRequiredError,
  TrustCancelledError,
} from '../../../main/xmpp/errors.js';
import { XmppResolveError } from '../../../main/xmpp/resolve-error.js';

const wrongPassword = () => new AuthenticationError({ kind: 'rejected', condition: 'not-authorized', serverText: null });

describe('classifying our errors by kind', () => {
  it.each([
    ['a wrong password', 'authentication', wrongPassword()],
    ['a server that could not prove the password', 'authentication', new AuthenticationError({ kind: 'server-not-proven', detail: 'x' })],
    ['a mechanism downgrade', 'mechanism-downgrade', new MechanismDowngradeError('SCRAM-SHA-1', ['PLAIN'], 'only PLAIN')],
    ['a server without TLS', 'tls-required', new TlsRequiredError('chat.example.test:5222')],
    ['the user cancelling the trust dialog', 'trust-cancelled', new TrustCancelledError('You chose not to connect.')],
    ['no saved password', 'password-needed', new PasswordNeededError()],
    ['a domain without a server', 'resolve', new XmppResolveError({ kind: 'host-not-found', host: 'chat.example.test' })],
    ['a replaced resource', 'stream', new StreamError('conflict')],
    ['an unreadable certificate', 'internal', new CertificateParseError('The certificate is empty.')],
  ] as const)('%s is final, of kind %s', (_label, kind, error) => {
    expect(isFinal(error)).toBe(true);
    expect(describeConnectionError(error)).toEqual({ kind, message: error.message });
  });

  it.each([
    ['a failed DNS lookup', 'resolve', new XmppResolveError({ kind: 'dns-failure', name: '_xmpp-client._tcp.example.test', code: 'ETIMEOUT' })],
    ['a lost connection', 'connect', new ConnectionLostError('reset')],
    ['a timeout', 'connect', new SessionTimeoutError('answer', 1_000)],
    ['a protocol violation', 'connect', new SessionProtocolError('it sent nonsense')],
    ['a server shutting down', 'stream', new StreamError('system-shutdown')],
  ] as const)('%s is retried, of kind %s', (_label, kind, error) => {
    expect(isFinal(error)).toBe(false);
    expect(describeConnectionError(error)).toEqual({ kind, message: error.message });
  });

  it('adds the network hint only when no server could be reached', () => {
    for (const error of [new ConnectError('example.test', []), new StreamNegotiationError('chat.example.test:5222', 'reset')]) {
      expect(isFinal(error)).toBe(false);
      expect(describeConnectionError(error)).toEqual({
        kind: 'connect',
        message: `${error.message} Check your network connection; Hostproof will keep trying.`,
      });
    }
  });

  it('retries what is not ours, and says little about what is not even an Error', () => {
    expect(isFinal(new TypeError('a bug'))).toBe(false);
    expect(describeConnectionError(new TypeError('a bug'))).toEqual({ kind: 'connect', message: 'a bug' });
    expect(isFinal('a string')).toBe(false);
    expect(describeConnectionError('a string')).toEqual({ kind: 'internal', message: 'Something unexpected went wrong while connecting.' });
  });
});

describe('a class name is not what decides', () => {
  it('keeps a wrong password final and of kind authentication when its class has another name', () => {
    class LoginRefusedError extends AuthenticationError {
      override name = 'LoginRefusedError';
    }
    const error = new LoginRefusedError({ kind: 'rejected', condition: 'not-authorized', serverText: null });
    expect(isFinal(error)).toBe(true);
    expect(describeConnectionError(error).kind).toBe('authentication');
  });

  it('keeps the user\'s "cancel" final when its class has another name', () => {
    class UserDeclinedError extends TrustCancelledError {
      override name = 'UserDeclinedError';
    }
    const error = new UserDeclinedError('You chose not to connect.');
    expect(isFinal(error)).toBe(true);
    expect(describeConnectionError(error).kind).toBe('trust-cancelled');
  });

  it('keeps "no password" final (so the password is asked for, not retried) under another name', () => {
    class MissingPasswordError extends PasswordNeededError {
      override name = 'MissingPasswordError';
    }
    expect(isFinal(new MissingPasswordError())).toBe(true);
    expect(describeConnectionError(new MissingPasswordError()).kind).toBe('password-needed');
  });

  it('does not take a foreign error for ours because it borrowed our class name', () => {
    const impostor = Object.assign(new Error('from some library'), { name: 'AuthenticationError' });
    expect(isFinal(impostor)).toBe(false);
    expect(describeConnectionError(impostor)).toEqual({ kind: 'connect', message: 'from some library' });
  });
});
