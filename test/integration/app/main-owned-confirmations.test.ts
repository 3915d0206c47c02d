/**
 * No trust-changing step happens on the window's word alone (issue 9, trust-ux.md): pin, replace a pin,
 * connect once, remove a pin and change an account's server are carried out only after the person confirmed
 * them in the main process's own dialog. Here the window (the dispatcher the IPC uses) asks for each step
 * while the person declines in that dialog: nothing is stored and no session trust changes. Real services,
 * a real Prosody; only the native dialog is stood in for.
 */
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { useWorldApps } from '../../harness/world-apps.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const declined = { confirm: () => false };

describe.runIf(available)('trust changes need the main process\'s own confirmation', () => {
  const rig = useWorldApps();

  async function askedAbout(jid: string, options = declined) {
    const opened = await rig.open('starttls', undefined, options);
    const view = await opened.addAccount(jid);
    const question = await waitForEvent(opened.app.events, 'trustDecisionNeeded', (q) => q.accountId === view.settings.id);
    return { ...opened, view, question };
  }

  it.each(['pin', 'connect-once'] as const)('%s asked for by the window alone changes nothing, and the question stays open', async (decision) => {
    const { app, call, question } = await askedAbout('alice@noposh.test');
    await expect(call('decideTrust', { requestId: question.requestId, decision })).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    expect(app.confirmations.map((c) => c.kind)).toEqual([decision]);
    expect(await call('listPins')).toEqual([]);
    const state = app.services.accounts;
    expect((await state.list())[0]?.connection.stage).toBe('awaiting-decision');
    // The same question can still be answered: Cancel needs no confirmation and ends the attempt.
    await call('decideTrust', { requestId: question.requestId, decision: 'cancel' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.state.stage === 'failed');
    expect(await call('listPins')).toEqual([]);
  });

  it('removing a pin asked for by the window alone keeps the pin', async () => {
    let confirm = true;
    const { app, call, question } = await askedAbout('alice@noposh.test', { confirm: () => confirm });
    await call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.state.stage === 'online');
    const [pin] = await call('listPins');
    expect(pin).toMatchObject({ domain: 'noposh.test' });
    confirm = false;
    await expect(call('removePin', { domain: 'noposh.test', service: 'xmpp-client' })).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    expect(await call('listPins')).toEqual([pin]);
    expect(app.confirmations.at(-1)).toMatchObject({ kind: 'remove-pin', domain: 'noposh.test', key: { spkiSha256: pin?.spkiSha256 } });
  });

  it("changing an account's server asked for by the window alone keeps the old one", async () => {
    const { app, call, addAccount } = await rig.open('starttls', undefined, declined);
    const view = await addAccount('alice@valid.test');
    const moved = { host: 'attacker.test', port: 5222, directTls: false };
    await expect(call('updateAccount', { accountId: view.settings.id, server: moved })).rejects.toThrow("Not confirmed in Hostproof's own dialog");
    const [account] = await call('listAccounts');
    expect(account?.settings.server).toBeNull();
    expect(app.confirmations).toEqual([{ kind: 'change-server', account: 'alice@valid.test', from: null, to: moved }]);
    // Settings that do not move the password elsewhere need no confirmation.
    await call('updateAccount', { accountId: view.settings.id, autoConnect: false });
    expect(app.confirmations).toHaveLength(1);
  });
});
