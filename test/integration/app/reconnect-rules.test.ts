/**
 * Reconnecting by the rules: a server that hung up while the user read the dialog is dialled again and must
 * present the same key; with no network the app waits instead of burning attempts, and tries at once when
 * the network is back. Against the recording server, so every connection is counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../app/domain/account.js';
import type { NetworkStatus } from '../../../main/xmpp/account-connection.js';
import type { TestAppOptions } from '../../harness/test-app.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { recordedAccount, type RecordedAccount } from './recorded-account.js';

describe('reconnect rules', () => {
  const open: RecordedAccount[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.close()));
  });

  async function setup(app: TestAppOptions = {}) {
    const account = await recordedAccount({ domain: 'slow.test', password: 'pw-reconnect', mode: 'direct-tls', app: { reconnectDelay: () => 100, ...app } });
    open.push(account);
    return account;
  }

  it('reconnects after a slow decision and accepts only the same key', async () => {
    const { server, app, call, id } = await setup();
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    // The server gives up waiting and hangs up; the decision comes once the client has seen it go.
    await server.connections[0]!.hangUp();
    await call('decideTrust', { requestId: question.requestId, decision: 'connect-once' });
    const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    if (online.state.stage !== 'online') throw new Error('unreachable');
    expect(server.connections).toHaveLength(2);
    // Dialled again at once, before any login on the dead connection (which would fail and retry later).
    const stages = app.events.flatMap((e) => (e.event === 'connectionChanged' ? [(e.payload as { state: ConnectionState }).state.stage] : []));
    expect(stages.slice(stages.indexOf('awaiting-decision') + 1)).toEqual(['resolving', 'connecting', 'verifying', 'authenticating', 'online']);
    expect(online.state.verdict).toMatchObject({ verified: true, method: 'accepted-once' });
    expect(online.state.verdict.certificate.spkiSha256).toBe(question.verdict.certificate.spkiSha256);
    expect(server.connections[0]!.receivedAfterTls()).toBe('');
    expect(app.events.filter((e) => e.event === 'trustDecisionNeeded')).toHaveLength(1);
  });

  it('waits for the network instead of retrying, then reconnects at once when it is back', async () => {
    let online = true;
    const listeners = new Set<() => void>();
    const networkStatus: NetworkStatus = {
      isOnline: () => online,
      onOnline: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    // Every retry the app schedules asks for its delay first.
    const delays: number[] = [];
    const { server, app, call, id } = await setup({
      networkStatus,
      reconnectDelay: (attempt) => {
        delays.push(attempt);
        return 0;
      },
    });
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: question.requestId, decision: 'connect-once' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');

    online = false;
    const mark = app.events.length;
    server.connections[0]!.destroy();
    const waiting = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'reconnecting', { after: mark });
    expect(waiting.state).toMatchObject({ stage: 'reconnecting', retryAt: null });
    // No attempt is due at any time: no retry was scheduled (no delay asked for), only a wait for the network.
    expect(delays).toEqual([]);
    expect(listeners.size).toBe(1);
    expect(server.connections).toHaveLength(1);

    online = true;
    for (const listener of [...listeners]) listener();
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { after: mark });
    expect(server.connections).toHaveLength(2);
  });
});
