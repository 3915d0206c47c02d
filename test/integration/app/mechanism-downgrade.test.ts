/**
 * Once SCRAM worked for an account, a server that offers only PLAIN is refused, even over a connection the
 * user accepted: the password never goes out in a reversible form. The memory survives a restart of the app.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../app/ipc/result.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createLoginMemory } from '../../../main/services/login-memory.js';
import { startRecordingXmppServer } from '../../harness/recording-xmpp-server.js';
import { createTestApp } from '../../harness/test-app.js';
import { createTestCertificate } from '../../harness/test-pki.js';
import { waitForEvent } from '../../harness/wait-for-event.js';

const PASSWORD = 'pw-downgrade';

describe('no downgrade to PLAIN after SCRAM worked', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('refuses a PLAIN-only server for an account that logged in with SCRAM, and sends no <auth>', async () => {
    const certificate = await createTestCertificate({ commonName: 'down.test', dnsNames: ['down.test'] });
    const scram = await startRecordingXmppServer({ certificate, mode: 'direct-tls', domain: 'down.test', script: { users: { alice: PASSWORD } } });
    const plainOnly = await startRecordingXmppServer({
      certificate,
      mode: 'direct-tls',
      domain: 'down.test',
      script: { users: { alice: PASSWORD }, mechanisms: ['PLAIN'] },
    });
    cleanups.push(() => scram.close(), () => plainOnly.close());
    const app = await createTestApp({ network: { lookup: async () => Promise.reject(new Error('no DNS in this test')) } });
    cleanups.push(() => app.close());
    const dispatch = createDispatch(app.handlers, { logError: () => undefined });
    const call = async <T>(name: string, payload?: unknown) => {
      const result = (await dispatch(name, payload)) as IpcResult<T>;
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };

    const view = await call<{ settings: { id: string } }>('addAccount', {
      jid: 'alice@down.test',
      password: PASSWORD,
      rememberPassword: true,
      server: { host: '127.0.0.1', port: scram.port, directTls: true },
    });
    const id = view.settings.id;
    const q = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: q.requestId, decision: 'pin' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    const memory = createLoginMemory({ file: `${app.dataDir}/logins.json`, now: () => new Date(), report: () => undefined, locks: createPathLocks() });
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-1');

    // Same pinned key, now a server that offers only PLAIN.
    const mark = app.events.length;
    await call('updateAccount', { accountId: id, server: { host: '127.0.0.1', port: plainOnly.port, directTls: true } });
    await call('connect', { accountId: id });
    const failed = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed', { after: mark });
    expect(failed.state).toMatchObject({ error: { kind: 'mechanism-downgrade' } });
    expect(plainOnly.connections.length).toBeGreaterThan(0);
    expect(plainOnly.received()).not.toContain('<auth');
    expect(plainOnly.received()).not.toContain(Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'));
  });
});
