/**
 * The per-conversation encryption choice through the app's own requests (issue 15), on a real Prosody: Alice
 * turns encryption off for her conversation with Bob (confirmed in main's own dialog), and her next message
 * arrives unencrypted, its text in the server's files (the control that the server-file search finds what is
 * there); she turns it back on (not asked) and the next is encrypted again, its text in none of the server's
 * files. Refused in the dialog, nothing changes: the conversation stays encrypted.
 */
import { describe, expect, it } from 'vitest';
import type { TrustChange } from '../../../app/domain/trust-change.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { waitUntil } from '../../harness/wait-until.js';
import { chatSuite } from './chat-suite.js';
import { deviceListed, ownDevice, serverFilesWith } from './omemo-app-devices.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('the per-conversation encryption choice between two apps', () => {
  const suite = chatSuite();

  async function pair(confirm?: (change: TrustChange) => boolean) {
    const alice = await suite.open('alice@valid.test', 'desk', { app: { omemo: true, ...(confirm ? { confirm } : {}) } });
    const bob = await suite.open('bob@valid.test', 'laptop', { app: { omemo: true } });
    await ownDevice(alice);
    const bobDevice = await ownDevice(bob);
    // Barrier: Bob's device list is on the server, so Alice's default is to encrypt.
    await deviceListed(suite, 'alice', bob.jid, bobDevice.deviceId);
    return { alice, bob };
  }

  it('plaintext once confirmed: the next message goes unencrypted and the server holds its text; back on, encrypted again', async () => {
    const { alice, bob } = await pair();
    const choice = { accountId: alice.accountId, peer: bob.jid };

    expect(await alice.call('setConversationEncryption', { ...choice, choice: 'plaintext' })).toBe('plaintext');
    expect(alice.app.confirmations).toEqual([{ kind: 'send-unencrypted', account: alice.jid, jid: bob.jid }]);
    expect(await alice.call('getConversationEncryption', choice)).toBe('plaintext');

    const open = `plaintext-choice-${Date.now()}-readable-by-servers`;
    let mark = bob.mark();
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: open });
    expect(sent.encryption).toBeUndefined();
    const plain = await bob.next('messageReceived', (m) => m.body === open, { after: mark });
    expect(plain.encryption).toBeUndefined();
    // The control: the same search that finds nothing of an encrypted message finds this one's text.
    await waitUntil(async () => (await serverFilesWith(suite, open)).length > 0, 'the plaintext message in the server files', 10_000);

    expect(await alice.call('setConversationEncryption', { ...choice, choice: 'default' })).toBe('default');
    // Turning encryption on is not asked.
    expect(alice.app.confirmations).toHaveLength(1);

    const sealed = `plaintext-choice-${Date.now()}-sealed-again`;
    mark = bob.mark();
    const again = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: sealed });
    expect(again.encryption).toEqual({ kind: 'omemo', device: null });
    const received = await bob.next('messageReceived', (m) => m.body === sealed, { after: mark });
    expect(received.encryption).toMatchObject({ kind: 'omemo' });
    expect(await serverFilesWith(suite, sealed)).toEqual([]);
  });

  it('refused in the dialog: nothing is written and the conversation stays encrypted', async () => {
    const { alice, bob } = await pair((change) => change.kind !== 'send-unencrypted');
    const choice = { accountId: alice.accountId, peer: bob.jid };

    await expect(alice.call('setConversationEncryption', { ...choice, choice: 'plaintext' })).rejects.toThrow(/Not confirmed/);
    expect(alice.app.confirmations.map((c) => c.kind)).toEqual(['send-unencrypted']);
    expect(await alice.call('getConversationEncryption', choice)).toBe('default');

    const secret = `refused-choice-${Date.now()}-only-for-bob`;
    const mark = bob.mark();
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: secret });
    expect(sent.encryption).toEqual({ kind: 'omemo', device: null });
    const received = await bob.next('messageReceived', (m) => m.body === secret, { after: mark });
    expect(received.encryption).toMatchObject({ kind: 'omemo' });
    expect(await serverFilesWith(suite, secret)).toEqual([]);
  });
});
