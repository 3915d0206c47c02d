/**
 * Reconnecting by the rules: a server that hung up while the user read the dialog is dialled again and must
 * present the same key; with no network the app waits instead of burning attempts, and tries at once when
 * the network is back. Against the recording server, so every connection is counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../app/ipc/result.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import type { NetworkStatus } from '../../../main/xmpp/account-connection.js';
import { startRecordingXmppServer } from '../../harness/recording-xmpp-server.js';
import { createTestApp, type TestAppOptions } from '../../harness/test-app.js';
import { createTestCertificate } from '../../harness/test-pki.js';
import { waitForEvent } from '../../harness/wait-for-event.js';

const PASSWORD = 'pw-reconnect';

describe('reconnect rules', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(options: TestAppOptions = {}) {
    const certificate = await createTestCertificate({ commonName: 'slow.test', dnsNames: ['slow.test'] });
    const server = await startRecordingXmppServer({ certificate, mode: 'direct-tls', domain: 'slow.test', script: { users: { alice: PASSWORD } } });
    cleanups.push(() => server.close());
    const app = await createTestApp({ network: { lookup: async () => Promise.reject(new Error('no DNS in this test')) }, reconnectDelay: () => 100, ...options });
    cleanups.push(() => app.close());
    const dispatch = createDispatch(app.handlers, { logError: () => undefined });
    const call = async <T>(name: string, payload?: unknown) => {
      const result = (await dispatch(name, payload)) as IpcResult<T>;
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const view = await call<{ settings: { id: string } }>('addAccount', {
      jid: 'alice@slow.test',
      password: PASSWORD,
      rememberPassword: false,
      server: { host: '127.0.0.1', port: server.port, directTls: true },
    });
    return { server, app, call, id: view.settings.id };
  }

  it('reconnects after a slow decision and accepts only the same key', async () => {
    const { server, app, call, id } = await setup();
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    server.connections[0]!.destroy(); // the server gave up waiting
    await new Promise((r) => setTimeout(r, 100));
    await call('decideTrust', { requestId: question.requestId, decision: 'connect-once' });
    const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    if (online.state.stage !== 'online') throw new Error('unreachable');
    expect(server.connections).toHaveLength(2);
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
    const { server, app, call, id } = await setup({ networkStatus });
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: question.requestId, decision: 'connect-once' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');

    online = false;
    const mark = app.events.length;
    server.connections[0]!.destroy();
    const waiting = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'reconnecting', { after: mark });
    expect(waiting.state).toMatchObject({ stage: 'reconnecting', retryAt: null });
    await new Promise((r) => setTimeout(r, 500)); // five backoff periods: no attempt may be made
    expect(server.connections).toHaveLength(1);

    online = true;
    for (const listener of [...listeners]) listener();
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { after: mark });
    expect(server.connections).toHaveLength(2);
  });
});
