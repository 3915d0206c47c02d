/** Backoff with full jitter and a cap, and which failures must never be retried automatically. */
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConnectError,
  ConnectionLostError,
  MechanismDowngradeError,
  SessionTimeoutError,
  StreamError,
  TlsRequiredError,
  TrustCancelledError,
} from '../../../main/xmpp/errors.js';
import { DEFAULT_BACKOFF, nextAttempt, nextDelay, shouldReconnect } from '../../../main/xmpp/reconnect-policy.js';

const justBelowOne = () => 1 - Number.EPSILON;

describe('nextDelay', () => {
  it('doubles the ceiling each attempt from the 1 s base', () => {
    // With the largest draw the delay is just under the ceiling: base·2^(attempt-1).
    expect(nextDelay(1, justBelowOne)).toBe(999);
    expect(nextDelay(2, justBelowOne)).toBe(1_999);
    expect(nextDelay(3, justBelowOne)).toBe(3_999);
    expect(nextDelay(9, justBelowOne)).toBe(255_999);
  });

  it('never exceeds the 5 minute cap, even for huge attempt numbers', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 1_000, capMs: 300_000 });
    for (const attempt of [10, 11, 50, 1_000, 1e9]) {
      const delay = nextDelay(attempt, justBelowOne);
      expect(delay).toBeLessThan(300_000);
      expect(delay).toBeGreaterThan(299_000);
    }
  });

  it('is full jitter: the draw scales the whole range, down to zero', () => {
    expect(nextDelay(4, () => 0)).toBe(0);
    expect(nextDelay(4, () => 0.5)).toBe(4_000);
    expect(nextDelay(4, () => 0.25)).toBe(2_000);
  });

  it('stays in range when the random source misbehaves', () => {
    expect(nextDelay(3, () => 1)).toBeLessThan(4_000);
    expect(nextDelay(3, () => -1)).toBe(0);
    expect(nextDelay(0, () => 0.5)).toBe(500);
  });

  it('honours other base and cap values', () => {
    expect(nextDelay(3, () => 0.5, { baseMs: 100, capMs: 250 })).toBe(125);
  });
});

describe('nextAttempt', () => {
  it('counts failures and resets on success', () => {
    expect(nextAttempt(0, false)).toBe(1);
    expect(nextAttempt(4, false)).toBe(5);
    expect(nextAttempt(4, true)).toBe(0);
  });
});

describe('shouldReconnect', () => {
  it.each([
    ['a refused password', new AuthenticationError({ kind: 'rejected', condition: 'not-authorized', serverText: null })],
    ['a server that could not prove the password', new AuthenticationError({ kind: 'server-not-proven', detail: 'x' })],
    ['a mechanism downgrade', new MechanismDowngradeError('SCRAM-SHA-1', ['PLAIN'], 'downgrade')],
    ['a server without TLS', new TlsRequiredError('example.test:5222')],
    ['a replaced resource (conflict)', new StreamError('conflict')],
    ['a policy violation', new StreamError('policy-violation')],
    ['see-other-host', new StreamError('see-other-host')],
    ['a trust decision the user cancelled', new TrustCancelledError('cancelled')],
  ])('never after %s', (_label, error) => {
    expect(shouldReconnect(error)).toBe(false);
  });

  it.each([
    ['a lost connection', new ConnectionLostError('reset')],
    ['a timeout', new SessionTimeoutError('answer', 1000)],
    ['a server shutdown', new StreamError('system-shutdown')],
    ['no reachable candidate', new ConnectError('example.test', [])],
    ['an unknown failure', new Error('boom')],
  ])('after %s', (_label, error) => {
    expect(shouldReconnect(error)).toBe(true);
  });
});
