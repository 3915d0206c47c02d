import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../app/domain/account.js';
import { ConnectionStatus } from '../../../renderer/src/accounts/ConnectionStatus.js';
import { PKIX_VERDICT, SRV_TO_OWN, decisionRequest, DELEGATED_HOST_VERDICT } from '../fixtures/verdicts.js';

const stageOf = (state: ConnectionState) => {
  render(<ConnectionStatus state={state} domain="example.com" />);
  return screen.getByTestId('connection-stage').textContent;
};

describe('<ConnectionStatus>', () => {
  it.each<[ConnectionState, string]>([
    [{ stage: 'offline' }, 'Offline'],
    [{ stage: 'resolving' }, 'Looking up the chat server for example.com…'],
    [{ stage: 'connecting', endpoint: SRV_TO_OWN }, 'Connecting to im.example.com:5223…'],
    [{ stage: 'verifying', endpoint: SRV_TO_OWN }, 'Verifying the identity of im.example.com:5223…'],
    [{ stage: 'awaiting-decision', endpoint: SRV_TO_OWN, request: decisionRequest(DELEGATED_HOST_VERDICT) }, 'Waiting for your decision'],
    [{ stage: 'authenticating', endpoint: SRV_TO_OWN, verdict: PKIX_VERDICT }, 'Signing in…'],
    [{ stage: 'online', endpoint: SRV_TO_OWN, verdict: PKIX_VERDICT, fullJid: 'alice@example.com/desk', login: { mechanism: 'SCRAM-SHA-1', channelBinding: null } }, 'Online as alice@example.com/desk'],
  ])('names the stage %#', (state, text) => {
    expect(stageOf(state)).toContain(text);
  });

  it('explains a failure in plain words with what to try, as an alert', () => {
    render(
      <ConnectionStatus
        state={{ stage: 'failed', error: { kind: 'authentication', message: 'The server did not accept your password.' }, verdict: null }}
        domain="example.com"
      />,
    );
    const alert = screen.getByRole('alert');
    expect(screen.getByTestId('connection-error').textContent).toBe('The server did not accept your password.');
    expect(alert.textContent).toContain('What to try: Check your user name and password');
  });

  describe('reconnecting', () => {
    beforeEach(() => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2012-09-01T12:00:00.000Z'));
    });
    afterEach(() => vi.useRealTimers());

    it('says it is waiting for the network when the computer is offline', () => {
      render(
        <ConnectionStatus
          state={{ stage: 'reconnecting', retryAt: null, attempt: 2, lastError: { kind: 'connect', message: 'The connection was lost.' } }}
          domain="example.com"
        />,
      );
      expect(screen.getByTestId('connection-stage').textContent).toBe('Offline: waiting for the network to come back');
    });

    it('counts down to the next attempt and shows why the last one failed', () => {
      render(
        <ConnectionStatus
          state={{
            stage: 'reconnecting',
            retryAt: '2012-09-01T12:00:05.000Z',
            attempt: 3,
            lastError: { kind: 'connect', message: 'No server at hosting.example.net:5222 answered.' },
          }}
          domain="example.com"
        />,
      );
      expect(screen.getByTestId('connection-stage').textContent).toBe('Reconnecting in 5 s (attempt 3)');
      act(() => vi.advanceTimersByTime(2000));
      expect(screen.getByTestId('connection-stage').textContent).toBe('Reconnecting in 3 s (attempt 3)');
      act(() => vi.advanceTimersByTime(4000));
      expect(screen.getByTestId('connection-stage').textContent).toBe('Reconnecting now (attempt 3)');
      expect(screen.getByTestId('connection-error').textContent).toBe('No server at hosting.example.net:5222 answered.');
      expect(screen.getByTestId('connection-advice').textContent).toContain('Check your internet connection');
    });
  });
});
