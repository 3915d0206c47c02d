/**
 * Once SCRAM worked for an account, a server that offers only PLAIN is refused (and once a login was bound to
 * its TLS connection, one that cannot be bound is refused), even over a connection the
 * user accepted: the password never goes out in a reversible form. The memory is kept on disk, and a damaged
 * memory file fails closed: every account then needs SCRAM until it logs in with SCRAM again.
 */
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoginMemory } from '../../../main/store/login-memory.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { startRecordingXmppServer, type RecordingXmppServer } from '../../harness/recording-xmpp-server.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { recordedAccount, type RecordedAccount } from './recorded-account.js';

const PASSWORD = 'pw-downgrade';

describe('no downgrade to PLAIN after SCRAM worked', () => {
  let account: RecordedAccount | undefined;
  let plainOnly: RecordingXmppServer | undefined;
  afterEach(async () => {
    await account?.close();
    await plainOnly?.close();
  });

  it('refuses a PLAIN-only server for an account that logged in with SCRAM, and sends no <auth>', async () => {
    account = await recordedAccount({ domain: 'down.test', password: PASSWORD, mode: 'direct-tls' });
    const { app, call, id } = account;
    const q = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: q.requestId, decision: 'pin' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    const memory = createLoginMemory({ file: `${app.dataDir}/logins.json`, now: () => new Date(), report: () => undefined, locks: createPathLocks() });
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-1');

    // The same pinned key, now behind a server that offers only PLAIN.
    plainOnly = await startRecordingXmppServer({
      certificate: account.certificate,
      mode: 'direct-tls',
      domain: 'down.test',
      script: { users: { alice: PASSWORD }, mechanisms: ['PLAIN'] },
    });
    const mark = app.events.length;
    await call('updateAccount', { accountId: id, server: { host: '127.0.0.1', port: plainOnly.port, directTls: true } });
    await call('connect', { accountId: id, password: PASSWORD });
    const failed = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed', { after: mark });
    expect(failed.state).toMatchObject({ error: { kind: 'mechanism-downgrade' } });
    expect(plainOnly.connections.length).toBeGreaterThan(0);
    expect(plainOnly.received()).not.toContain('<auth');
    expect(plainOnly.received()).not.toContain(Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'));

    // Removing the account removes what was remembered about it.
    await call('removeAccount', { accountId: id });
    expect(await memory.mechanism(id)).toBeNull();
  });

  it('treats a damaged memory file as "SCRAM required": a pinned PLAIN-only server gets no <auth>', async () => {
    account = await recordedAccount({ domain: 'lost.test', password: PASSWORD, mode: 'direct-tls', script: { mechanisms: ['PLAIN'] } });
    const { app, call, id } = account;
    const q = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    // The memory is read when logging in, after the decision: damage it while the question is open.
    await writeFile(`${app.dataDir}/logins.json`, '{"schema":"hostproof.logins","version":1,"da');
    await call('decideTrust', { requestId: q.requestId, decision: 'pin' });
    const failed = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed');
    expect(failed.state).toMatchObject({ error: { kind: 'mechanism-downgrade' } });
    expect(account.server.received()).not.toContain('<auth');
    expect(account.server.received()).not.toContain(Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'));
    expect(app.notices.join('\n')).toMatch(/login memory file .*copied to .*logins\.json\.corrupt-.*not send any password in clear/s);
  });

  it('remembers a channel-bound login (-PLUS) and refuses a later login that could not be bound, sending no <auth>', async () => {
    const bound = { mechanisms: ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'PLAIN'], channelBindings: ['tls-exporter'] };
    account = await recordedAccount({ domain: 'bound.test', password: PASSWORD, mode: 'direct-tls', script: bound });
    const { app, call, id } = account;
    const q = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: q.requestId, decision: 'pin' });
    const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    expect(online.state).toMatchObject({ login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' } });
    const memory = createLoginMemory({ file: `${app.dataDir}/logins.json`, now: () => new Date(), report: () => undefined, locks: createPathLocks() });
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-256-PLUS');

    // The same pinned key, now behind a server that still offers -PLUS but declares no binding type on TLS 1.3,
    // as a man in the middle who removed the XEP-0440 list would make it.
    plainOnly = await startRecordingXmppServer({
      certificate: account.certificate,
      mode: 'direct-tls',
      domain: 'bound.test',
      script: { users: { alice: PASSWORD }, mechanisms: bound.mechanisms },
    });
    const mark = app.events.length;
    await call('updateAccount', { accountId: id, server: { host: '127.0.0.1', port: plainOnly.port, directTls: true } });
    await call('connect', { accountId: id, password: PASSWORD });
    const failed = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed', { after: mark });
    expect(failed.state).toMatchObject({ error: { kind: 'mechanism-downgrade' } });
    expect(failed.state.stage === 'failed' ? failed.state.error.message : '').toMatch(/SCRAM-SHA-256-PLUS before, bound to its encrypted connection/);
    expect(plainOnly.connections.length).toBeGreaterThan(0);
    await plainOnly.connections[0]!.closed();
    expect(plainOnly.received()).not.toContain('<auth');
    // The refusal does not overwrite what was remembered.
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-256-PLUS');
  });
});
