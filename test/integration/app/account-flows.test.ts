/**
 * The app's account flows end to end, below the UI: real services (createTestApp) against a real Prosody
 * through DNS SRV, with POSH served over HTTPS, driven through the same dispatcher the window's IPC uses.
 * Issue 4's scenarios (a)-(e), over STARTTLS and over direct TLS.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../app/domain/account.js';
import type { Transport } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { useWorldApps } from '../../harness/world-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('account flows against a real Prosody', () => {
  const rig = useWorldApps();
  const openApp = (transport: Transport, reconnectDelay?: (attempt: number) => number) => rig.open(transport, reconnectDelay);

  describe.each(['starttls', 'direct'] as const)('over %s', (transport) => {
    it('(a) a CA-valid certificate for the domain: online without a question, verified by PKIX', async () => {
      const { app, addAccount, stateOf } = await openApp(transport);
      const view = await addAccount('alice@valid.test');
      const online = await stateOf(view.settings.id, 'online');
      if (online.state.stage !== 'online') throw new Error('unreachable');
      expect(online.state.verdict).toMatchObject({ verified: true, method: 'pkix' });
      expect(online.state.verdict.posh.status).toBe('skipped');
      expect(online.state.endpoint).toMatchObject({ host: 'hosting.test', directTls: transport === 'direct', source: 'srv' });
      expect(online.state.fullJid).toMatch(/^alice@valid\.test\//);
      expect(app.events.some((e) => e.event === 'trustDecisionNeeded')).toBe(false);
    });

    it('(b) the provider\'s certificate with POSH fingerprints: online, verified by POSH', async () => {
      const { addAccount, stateOf } = await openApp(transport);
      const view = await addAccount('alice@posh.test');
      const online = await stateOf(view.settings.id, 'online');
      if (online.state.stage !== 'online') throw new Error('unreachable');
      expect(online.state.verdict).toMatchObject({ verified: true, method: 'posh' });
      expect(online.state.verdict.warnings).toContain('delegated-host');
      expect(online.state.verdict.summary).toContain('hosting.test');
    });

    it('(c) a POSH reference document: online, verified by POSH through the provider\'s document', async () => {
      const { addAccount, stateOf } = await openApp(transport);
      const view = await addAccount('alice@ref.test');
      const online = await stateOf(view.settings.id, 'online');
      if (online.state.stage !== 'online') throw new Error('unreachable');
      expect(online.state.verdict).toMatchObject({ verified: true, method: 'posh' });
      expect(online.state.verdict.posh.steps.map((s) => s.kind)).toEqual(['reference', 'fingerprints']);
      expect(online.state.verdict.posh.match?.url).toBe('https://hosting.test/posh/ref.test.json');
    });

    it('(d) no POSH: the user is asked; Cancel leaves it offline; Pin connects, and the next connect is silent', async () => {
      const { app, call, addAccount, stateOf } = await openApp(transport);
      const view = await addAccount('alice@noposh.test');
      const id = view.settings.id;
      const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
      expect(question.verdict).toMatchObject({ verified: false, undecided: 'delegated-host' });
      expect(question.choices).toEqual(['cancel', 'connect-once', 'pin']);
      await call('decideTrust', { requestId: question.requestId, decision: 'cancel' });
      const failed = await stateOf(id, 'failed');
      expect(failed.state).toMatchObject({ stage: 'failed', error: { kind: 'trust-cancelled' } });

      const before = app.events.length;
      await call('connect', { accountId: id });
      const again = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id, { after: before });
      await call('decideTrust', { requestId: again.requestId, decision: 'pin' });
      const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { after: before });
      if (online.state.stage !== 'online') throw new Error('unreachable');
      expect(online.state.verdict.method).toBe('pin');
      // The verdict shown right after the decision is decided again with the new pin, not the question's.
      expect(online.state.verdict.pin.status).toBe('match');
      expect(online.state.verdict.summary).not.toBe(question.verdict.summary);
      const pins = await call('listPins');
      expect(pins).toEqual([expect.objectContaining({ domain: 'noposh.test', spkiSha256: question.verdict.certificate.spkiSha256 })]);

      // Reconnect: verified by the pin, no question.
      await call('disconnect', { accountId: id });
      const asked = app.events.filter((e) => e.event === 'trustDecisionNeeded').length;
      const mark = app.events.length;
      await call('connect', { accountId: id });
      const silent = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online', { after: mark });
      if (silent.state.stage !== 'online') throw new Error('unreachable');
      expect(silent.state.verdict.method).toBe('pin');
      expect(app.events.filter((e) => e.event === 'trustDecisionNeeded')).toHaveLength(asked);

      // Every verification and decision went to the trust log.
      const log = await call('getTrustLog', { accountId: id });
      expect(log.flatMap((e) => (e.kind === 'decision' ? [e.decision] : []))).toEqual(['cancel', 'pin']);
    });

    it('"Connect once" is not remembered: the next connect asks again', async () => {
      const { app, call, addAccount } = await openApp(transport);
      const view = await addAccount('bob@noposh.test');
      const id = view.settings.id;
      const q = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
      await call('decideTrust', { requestId: q.requestId, decision: 'connect-once' });
      const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
      if (online.state.stage !== 'online') throw new Error('unreachable');
      expect(online.state.verdict.method).toBe('accepted-once');
      await call('disconnect', { accountId: id });
      const mark = app.events.length;
      await call('connect', { accountId: id });
      await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id, { after: mark });
      expect(await call('listPins')).toEqual([]);
    });
  });

  it('(e) the pinned key is replaced on the server: "key changed", asked again, strongest warning', async () => {
    const { app, call, addAccount } = await openApp('starttls');
    const view = await addAccount('bob@noposh.test');
    const id = view.settings.id;
    const first = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: first.requestId, decision: 'pin' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    await call('disconnect', { accountId: id });

    await rig.world.rotateHostingKey();
    {
      const mark = app.events.length;
      await call('connect', { accountId: id });
      const changed = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id, { after: mark });
      expect(changed.verdict).toMatchObject({ verified: false, undecided: 'key-changed' });
      expect(changed.verdict.warnings).toContain('key-changed');
      expect(changed.previousPin?.spkiSha256).toBe(first.verdict.certificate.spkiSha256);
      expect(changed.choices).toEqual(['cancel', 'connect-once', 'replace-pin']);
      // 'pin' is not on offer for a changed key: answering it anyway counts as Cancel.
      await call('decideTrust', { requestId: changed.requestId, decision: 'pin' });
      await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed', { after: mark });
      const pins = await call('listPins');
      expect(pins.map((p) => p.spkiSha256)).toEqual([first.verdict.certificate.spkiSha256]);
    }
  });

  it('a wrong password fails with a plain error and is not retried', async () => {
    // A retry, if one were scheduled, would start at once: the app asks this for its delay first.
    const delays: number[] = [];
    const { app, addAccount, stateOf } = await openApp('starttls', (attempt) => {
      delays.push(attempt);
      return 0;
    });
    const view = await addAccount('alice@valid.test', 'not-the-password');
    const failed = await stateOf(view.settings.id, 'failed');
    expect(failed.state).toMatchObject({ error: { kind: 'authentication' } });
    // Barrier: a second account logs in through the same app, DNS, TLS and server: many turns of the event
    // loop and round trips, by which time an immediate retry of the first would have shown.
    const other = await addAccount('bob@valid.test');
    await stateOf(other.settings.id, 'online');
    const stages = app.events
      .filter((e) => e.event === 'connectionChanged')
      .map((e) => e.payload as { accountId: string; state: ConnectionState })
      .filter((p) => p.accountId === view.settings.id)
      .map((p) => p.state.stage);
    expect(stages.filter((s) => s === 'authenticating')).toHaveLength(1);
    expect(stages.at(-1)).toBe('failed');
    expect(stages).not.toContain('reconnecting');
    expect(delays).toEqual([]);
  });
});
