/**
 * Internationalised domains against a real Prosody whose virtual hosts are named in U-labels, as an operator
 * writes them (`VirtualHost "bücher.test"`). The stream header must carry the U-label (RFC 7622 §3.2.1; the
 * A-label gets host-unknown), while DNS, SNI, POSH URLs and the certificate check use the A-label
 * (posh.md §7.3, §8). An account typed in either form is the same account, shown in U-labels.
 * (No ß or ς here: Prosody prepares names with IDNA2003, which maps "straße" to "strasse", a different domain
 * under IDNA2008; the session refuses such a binding, see resource-binding.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../app/domain/account.js';
import { password, type Transport } from '../../harness/app-world.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { useWorldApps } from '../../harness/world-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('IDN accounts against a real Prosody', () => {
  const rig = useWorldApps();

  async function openApp(transport: Transport) {
    const { app, call, addAccount } = await rig.open(transport);
    /** Adds the account and waits until its first attempt settles (online, failed or asking). */
    const online = async (jid: string) => {
      const view = await addAccount(jid, password('alice'));
      const event = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === view.settings.id && ['online', 'failed', 'awaiting-decision'].includes(p.state.stage));
      return { view, state: event.state as ConnectionState };
    };
    return { app, call, online };
  }

  // Over STARTTLS only: Prosody 0.12 picks a direct-TLS certificate by SNI and knows its IDN hosts only by
  // their U-labels, so it answers the A-label SNI (RFC 6066 requires the A-label) with "unrecognized name".
  describe.each(['starttls'] as const)('over %s', (transport) => {
    it.each(['alice@bücher.test', 'alice@xn--bcher-kva.test', 'Alice@BÜCHER.test'])(
      'the account typed as %j logs in, verified by PKIX against the A-label, and is shown in U-labels',
      async (typed) => {
        const { app, online } = await openApp(transport);
        const { view, state } = await online(typed);
        expect(view.settings.jid).toBe('alice@bücher.test');
        expect(state).toMatchObject({ stage: 'online', verdict: { verified: true, method: 'pkix', domain: 'xn--bcher-kva.test' } });
        if (state.stage === 'online') expect(state.fullJid).toMatch(/^alice@bücher\.test\//);
        expect(app.events.some((e) => e.event === 'trustDecisionNeeded')).toBe(false);
      },
    );
  });

  it('a hosted IDN is proved by POSH fetched from the A-label URL', async () => {
    const { online } = await openApp('starttls');
    const { view, state } = await online('alice@xn--kln-sna.test');
    expect(view.settings.jid).toBe('alice@köln.test');
    expect(state).toMatchObject({ stage: 'online', verdict: { verified: true, method: 'posh' } });
    if (state.stage !== 'online') return;
    expect(state.verdict.posh.steps.map((step) => step.url)).toContain('https://xn--kln-sna.test/.well-known/posh/xmpp-client.json');
    expect(state.fullJid).toMatch(/^alice@köln\.test\//);
  });

  it('the same account typed in the other form is refused as a duplicate, not added twice', async () => {
    const { call, online } = await openApp('starttls');
    await online('alice@bücher.test');
    await expect(call('addAccount', { jid: 'ALICE@xn--bcher-kva.test', password: password('alice'), rememberPassword: false })).rejects.toThrow(
      'alice@bücher.test is already set up.',
    );
    expect(await call('listAccounts')).toHaveLength(1);
  });

  it('two IDN accounts chat with each other; peers are named in U-labels', async () => {
    const { app, call, online } = await openApp('starttls');
    const alice = (await online('alice@bücher.test')).view.settings.id;
    const bobView = await call('addAccount', { jid: 'bob@xn--kln-sna.test', password: password('bob'), rememberPassword: false });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === bobView.settings.id && p.state.stage === 'online');
    // Prosody holds a message to a bare JID until the recipient has sent initial presence (testing.md).
    await call('setPresence', { accountId: bobView.settings.id, show: 'online', status: null });
    await call('sendMessage', { accountId: alice, to: 'Bob@XN--KLN-SNA.test', body: 'grüß dich' });
    const received = await waitForEvent(app.events, 'messageReceived', (m) => m.accountId === bobView.settings.id && m.direction === 'in');
    expect(received).toMatchObject({ peer: 'alice@bücher.test', body: 'grüß dich' });
  });
});
