/**
 * No trust-changing step happens on the window's word alone (issue 9 item 2, trust-ux.md): pin, replace a pin,
 * connect once, remove a pin, change an account's server and stop encrypting a conversation (issue 15) are carried
 * out only after the person confirmed them in the main process's own dialog. Here a compromised window (the dispatcher the IPC uses) asks for each
 * step while the person answers no in that dialog: every file of the data directory stays byte-identical, the
 * accounts and their connections look exactly as before, and a pending question is still open. Real services,
 * a real Prosody; only the native dialog is stood in for.
 */
import { describe, expect, it } from 'vitest';
import type { TrustDecision } from '../../../app/domain/account.js';
import { archiveSyncPoints } from '../../harness/message-db-peek.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { waitUntil } from '../../harness/wait-until.js';
import { useWorldApps, type OpenedApp } from '../../harness/world-apps.js';
import { expectBehaviour } from '../behaviour-table.js';
import { changedFiles, describeChanges, snapshotDir } from './data-dir-snapshot.js';

const available = requireSystemDependency(PROSODY, 'hardening (Prosody)');
const NOT_CONFIRMED = "Not confirmed in Hostproof's own dialog";

/** Everything a step could change: the data directory's bytes and the accounts with their connection states. */
async function stateOf(opened: OpenedApp) {
  return { files: await snapshotDir(opened.app.dataDir), accounts: JSON.stringify(await opened.call('listAccounts')) };
}

async function compare(opened: OpenedApp, before: Awaited<ReturnType<typeof stateOf>>) {
  const after = await stateOf(opened);
  return `${describeChanges(changedFiles(before.files, after.files))}, accounts ${after.accounts === before.accounts ? 'unchanged' : 'changed'}`;
}

/**
 * After a login the archive catch-up writes the message history in the background: the files are compared once
 * it has recorded where it got to, or its own write would count as the refused step's.
 */
async function caughtUp(opened: OpenedApp, accountId: string): Promise<void> {
  await waitUntil(() => archiveSyncPoints(opened.app.dataDir).has(accountId), 'the archive catch-up after login', 10_000);
}

/** What the call answered, in words: the typed refusal it carried or "done". */
async function outcome(request: Promise<unknown>): Promise<string> {
  try {
    await request;
    return 'done';
  } catch (error) {
    return String(error).includes(NOT_CONFIRMED) ? 'refused: not confirmed' : `failed: ${String(error)}`;
  }
}

/**
 * Whether the question is still open: answering it again (declined again) is "not confirmed", where an answered
 * or ended question would be "already answered". Also the barrier: the step before has been fully handled.
 */
async function questionStillOpen(opened: OpenedApp, requestId: string, decision: TrustDecision): Promise<string> {
  const again = await outcome(opened.call('decideTrust', { requestId, decision }));
  return again === 'refused: not confirmed' ? 'question still open' : `question gone (${again})`;
}

describe.runIf(available)("a compromised window: trust changes asked for by IPC alone, the main process's dialog answered no", () => {
  const rig = useWorldApps();

  async function askedAbout(jid: string, confirm: () => boolean) {
    const opened = await rig.open('starttls', undefined, { confirm });
    const view = await opened.addAccount(jid);
    const question = await waitForEvent(opened.app.events, 'trustDecisionNeeded', (q) => q.accountId === view.settings.id);
    return { opened, view, question };
  }

  it.for(['pin', 'connect-once'] as const)('%s: refused, every file byte-identical, the question still open', async (decision, context) => {
    let confirm = false;
    const { opened, question } = await askedAbout('alice@noposh.test', () => confirm);
    const before = await stateOf(opened);
    const answer = await outcome(opened.call('decideTrust', { requestId: question.requestId, decision }));
    const open = await questionStillOpen(opened, question.requestId, decision);
    expectBehaviour(context, {
      expected: 'refused: not confirmed; no file changed, accounts unchanged; question still open',
      got: `${answer}; ${await compare(opened, before)}; ${open}`,
    });
    expect(opened.app.confirmations.map((c) => c.kind)).toEqual([decision, decision]);
    expect(await opened.call('listPins')).toEqual([]);

    // The measurement sees a change when there is one: confirmed, the same answer goes through.
    confirm = true;
    const mark = opened.app.events.length;
    await opened.call('decideTrust', { requestId: question.requestId, decision });
    await waitForEvent(opened.app.events, 'connectionChanged', (p) => p.state.stage === 'online', { after: mark });
    const confirmedChanges = changedFiles(before.files, (await stateOf(opened)).files);
    expect(confirmedChanges).toEqual(expect.arrayContaining(decision === 'pin' ? ['pins.json'] : []));
    expect(confirmedChanges.length).toBeGreaterThan(0);
  });

  it('removing a pin: refused, every file byte-identical, the pin kept', async (context) => {
    let confirm = true;
    const { opened, view, question } = await askedAbout('alice@noposh.test', () => confirm);
    await opened.call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    await waitForEvent(opened.app.events, 'connectionChanged', (p) => p.state.stage === 'online');
    await caughtUp(opened, view.settings.id);
    const [pin] = await opened.call('listPins');
    expect(pin).toMatchObject({ domain: 'noposh.test' });
    confirm = false;
    const before = await stateOf(opened);
    const answer = await outcome(opened.call('removePin', { domain: 'noposh.test', service: 'xmpp-client' }));
    const got = `${answer}; ${await compare(opened, before)}; pins ${JSON.stringify(await opened.call('listPins')) === JSON.stringify([pin]) ? 'kept' : 'changed'}`;
    expect(opened.app.confirmations.at(-1)).toMatchObject({ kind: 'remove-pin', domain: 'noposh.test', key: { spkiSha256: pin?.spkiSha256 } });
    expectBehaviour(context, { expected: 'refused: not confirmed; no file changed, accounts unchanged; pins kept', got });
  });

  it("changing an account's server: refused, every file byte-identical, still online at the old server", async (context) => {
    const opened = await rig.open('starttls', undefined, { confirm: () => false });
    const view = await opened.addAccount('alice@valid.test');
    await opened.stateOf(view.settings.id, 'online');
    await caughtUp(opened, view.settings.id);
    const before = await stateOf(opened);
    const moved = { host: 'attacker.test', port: 5222, directTls: false };
    const answer = await outcome(opened.call('updateAccount', { accountId: view.settings.id, server: moved }));
    const [account] = await opened.call('listAccounts');
    const got = `${answer}; ${await compare(opened, before)}; ${account?.connection.stage}, server ${account?.settings.server === null ? 'from DNS' : JSON.stringify(account?.settings.server)}`;
    expect(opened.app.confirmations).toEqual([{ kind: 'change-server', account: 'alice@valid.test', from: null, to: moved }]);
    // Settings that do not move the password elsewhere need no confirmation.
    await opened.call('updateAccount', { accountId: view.settings.id, autoConnect: false });
    expect(opened.app.confirmations).toHaveLength(1);
    expectBehaviour(context, { expected: 'refused: not confirmed; no file changed, accounts unchanged; online, server from DNS', got });
  });

  it("turning a conversation's encryption off (issue 15): refused, every file byte-identical, still encrypted", async (context) => {
    let confirm = false;
    const opened = await rig.open('starttls', undefined, { confirm: () => confirm });
    const view = await opened.addAccount('alice@valid.test');
    await opened.stateOf(view.settings.id, 'online');
    await caughtUp(opened, view.settings.id);
    const conversation = { accountId: view.settings.id, peer: 'bob@valid.test' };
    const before = await stateOf(opened);
    const answer = await outcome(opened.call('setConversationEncryption', { ...conversation, choice: 'plaintext' }));
    const got = `${answer}; ${await compare(opened, before)}; ${(await opened.call('getConversationEncryption', conversation)) === 'default' ? 'still encrypted' : 'choice written'}`;
    expect(opened.app.confirmations).toEqual([{ kind: 'send-unencrypted', account: 'alice@valid.test', jid: 'bob@valid.test' }]);
    expectBehaviour(context, { expected: 'refused: not confirmed; no file changed, accounts unchanged; still encrypted', got });

    // The measurement sees a change when there is one: confirmed, the same request writes the choice.
    confirm = true;
    await opened.call('setConversationEncryption', { ...conversation, choice: 'plaintext' });
    expect(changedFiles(before.files, (await stateOf(opened)).files)).toContain('conversation-encryption.json');
  });

  // Last in the file: it gives the provider's server a new key for every later test of this world.
  it('replacing a pin after the key changed: refused, every file byte-identical, the old pin kept', async (context) => {
    let confirm = true;
    const { opened, view, question } = await askedAbout('bob@noposh.test', () => confirm);
    await opened.call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    await opened.stateOf(view.settings.id, 'online');
    const keysBefore = (await opened.call('listPins')).map((pin) => `${pin.domain} ${pin.spkiSha256}`);
    await opened.call('disconnect', { accountId: view.settings.id });
    await rig.world.rotateHostingKey();
    const mark = opened.app.events.length;
    await opened.call('connect', { accountId: view.settings.id });
    const changed = await waitForEvent(opened.app.events, 'trustDecisionNeeded', (q) => q.accountId === view.settings.id, { after: mark });
    expect(changed.choices).toContain('replace-pin');

    confirm = false;
    const before = await stateOf(opened);
    const answer = await outcome(opened.call('decideTrust', { requestId: changed.requestId, decision: 'replace-pin' }));
    const open = await questionStillOpen(opened, changed.requestId, 'replace-pin');
    // The key, not the whole record: seeing the new key already noted "does not match since" on the pin (the
    // connection's own bookkeeping, before the question); the files compared above are from after that.
    const keysAfter = (await opened.call('listPins')).map((pin) => `${pin.domain} ${pin.spkiSha256}`);
    const pinsKept = JSON.stringify(keysAfter) === JSON.stringify(keysBefore);
    const got = `${answer}; ${await compare(opened, before)}; ${open}, old pin ${pinsKept ? 'kept' : 'changed'}`;
    expect(opened.app.confirmations.at(-1)).toMatchObject({ kind: 'replace-pin', domain: 'noposh.test' });
    expectBehaviour(context, { expected: 'refused: not confirmed; no file changed, accounts unchanged; question still open, old pin kept', got });
  });
});
