/**
 * Once SCRAM worked for an account, a server that offers only PLAIN is refused, even over a connection the
 * user accepted: the password never goes out in a reversible form. Once a login was bound to its TLS
 * connection, one that cannot be bound is asked about first, and logs in unbound only after the main process's
 * own confirmation. The memory is kept on disk, and a damaged
 * memory file fails closed: every account then needs SCRAM until it logs in with SCRAM again.
 */
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoginMemory } from '../../../main/store/login-memory.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { startRecordingXmppServer, type RecordingXmppServer } from '../../harness/recording-xmpp-server.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { changedFiles, snapshotDir } from '../../hardening/compromised-window/data-dir-snapshot.js';
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

});

describe('bound before, cannot bind now: the user is asked first (posh.md §7.5)', () => {
  const bound = { mechanisms: ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'PLAIN'], channelBindings: ['tls-exporter'] };
  let account: RecordedAccount | undefined;
  let stripped: RecordingXmppServer | undefined;
  afterEach(async () => {
    await account?.close();
    await stripped?.close();
  });

  /**
   * An account whose first login was bound (remembered as SCRAM-SHA-256-PLUS), then moved to a server with the
   * same pinned key that still offers -PLUS but declares no binding type on TLS 1.3, as a man in the middle who
   * removed the XEP-0440 list would make it. Returns once the question is asked.
   */
  async function boundThenStripped(domain: string, confirmUnbound: () => boolean) {
    account = await recordedAccount({
      domain,
      password: PASSWORD,
      mode: 'direct-tls',
      script: bound,
      app: { confirm: (change) => change.kind !== 'unbound-login' || confirmUnbound() },
    });
    const { app, call, id } = account;
    const q = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: q.requestId, decision: 'pin' });
    const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    expect(online.state).toMatchObject({ login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' } });
    const memory = createLoginMemory({ file: `${app.dataDir}/logins.json`, now: () => new Date(), report: () => undefined, locks: createPathLocks() });
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-256-PLUS');

    stripped = await startRecordingXmppServer({
      certificate: account.certificate,
      mode: 'direct-tls',
      domain,
      script: { users: { alice: PASSWORD }, mechanisms: bound.mechanisms },
    });
    const mark = app.events.length;
    await call('updateAccount', { accountId: id, server: { host: '127.0.0.1', port: stripped.port, directTls: true } });
    await call('connect', { accountId: id, password: PASSWORD });
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id, { after: mark });
    // The session closed the connection before asking: once it is closed, everything the client sent is recorded.
    await stripped.connections[0]!.closed();
    return { app, call, id, memory, question, server: stripped };
  }

  it('asks before logging in unbound, with nothing sent; Cancel leaves it refused and the memory as it was', async () => {
    const { app, call, id, memory, question, server } = await boundThenStripped('bound.test', () => true);
    expect(question.choices).toEqual(['cancel', 'log-in-unbound']);
    expect(question.unboundLogin).toMatchObject({ previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' });
    expect(question.unboundLogin?.reason).toMatch(/XEP-0440/);
    expect(question.verdict).toMatchObject({ verified: true, method: 'pin' });
    expect(server.received()).not.toContain('<auth');

    const mark = app.events.length;
    await call('decideTrust', { requestId: question.requestId, decision: 'cancel' });
    const failed = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed', { after: mark });
    expect(failed.state).toMatchObject({ error: { kind: 'mechanism-downgrade' } });
    expect(failed.state.stage === 'failed' ? failed.state.error.message : '').toMatch(/SCRAM-SHA-256-PLUS before, bound to its encrypted connection/);
    expect(server.connections).toHaveLength(1);
    expect(server.received()).not.toContain('<auth');
    expect(app.confirmations.map((change) => change.kind)).toEqual(['pin', 'change-server']);
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-256-PLUS');
    const log = await call('getTrustLog', { accountId: id });
    expect(log.filter((entry) => entry.kind === 'decision').map((entry) => (entry.kind === 'decision' ? entry.decision : null))).toEqual(['pin', 'cancel']);
  });

  it('a window answering alone changes nothing; confirmed by main, the unbound login succeeds and is remembered', async () => {
    let confirmUnbound = false;
    const { app, call, id, memory, question, server } = await boundThenStripped('unbound.test', () => confirmUnbound);

    // The main process's own dialog was declined: the answer does not count, nothing is sent, nothing remembered.
    const filesBefore = await snapshotDir(app.dataDir);
    await expect(call('decideTrust', { requestId: question.requestId, decision: 'log-in-unbound' })).rejects.toThrow(/not-confirmed|confirm/i);
    expect(changedFiles(filesBefore, await snapshotDir(app.dataDir))).toEqual([]);
    expect(app.confirmations.at(-1)).toEqual({ kind: 'unbound-login', domain: 'unbound.test', previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' });
    expect(server.connections).toHaveLength(1);
    expect(server.received()).not.toContain('<auth');
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-256-PLUS');

    // The same question is still open; confirmed this time: a new connection, verified again, logs in unbound.
    confirmUnbound = true;
    const mark = app.events.length;
    await call('decideTrust', { requestId: question.requestId, decision: 'log-in-unbound' });
    const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { after: mark });
    expect(online.state).toMatchObject({ login: { mechanism: 'SCRAM-SHA-256', channelBinding: null } });
    expect(server.connections).toHaveLength(2);
    expect(server.connections[1]!.logins).toEqual([{ mechanism: 'SCRAM-SHA-256', gs2Header: 'n,,', error: null, accepted: true }]);
    expect(await memory.mechanism(id)).toBe('SCRAM-SHA-256');
    const log = await call('getTrustLog', { accountId: id });
    expect(log.some((entry) => entry.kind === 'decision' && entry.decision === 'log-in-unbound')).toBe(true);

    // Remembered: the next login on the same server is not asked about again.
    await call('disconnect', { accountId: id });
    const again = app.events.length;
    await call('connect', { accountId: id, password: PASSWORD });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { after: again });
    expect(app.events.slice(again).some((event) => event.event === 'trustDecisionNeeded')).toBe(false);
  });
});
