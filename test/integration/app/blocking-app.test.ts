/**
 * Blocking (XEP-0191) through the app, against a real Prosody with mod_blocklist: the list at login, blocking
 * a contact (nothing of theirs reaches the window or the store; they see us go offline), unblocking (their
 * messages and presence come back), a change made on the account's other client, a whole domain, and
 * archive and offline copies from before the block, which only the client's own filter keeps out.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBlocking } from '../../../main/xmpp/features/blocking.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import type { ChatClient } from './chat-client.js';
import { befriend, seesOnline } from './chat-friends.js';
import { plaintextChatSuite } from './chat-suite.js';
import { messageBarrier } from './message-barrier.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('blocking (XEP-0191) through the app', () => {
  const suite = plaintextChatSuite();

  /** `from` writes to `to`; resolves with how it ended for the sender ('failed' when the server bounced it). */
  async function write(from: ChatClient, to: string, body: string): Promise<'failed' | 'delivered'> {
    const mark = from.mark();
    const sent = await from.call('sendMessage', { accountId: from.accountId, to, body });
    const update = await from.next('messageUpdated', (u) => u.id === sent.id && (u.state === 'failed' || u.state === 'delivered'), { after: mark });
    return update.state === 'failed' ? 'failed' : 'delivered';
  }

  const fromPeer = (client: ChatClient, peer: string, after: number) => client.all('messageReceived', after).filter((m) => m.peer === peer);

  it('a blocked contact’s messages and presence never reach the window or the store; unblocking brings them back', async () => {
    const alice = await suite.open('alice@posh.test', 'desk');
    const bob = await suite.open('bob@posh.test', 'laptop');
    const witness = await suite.open('bob@ref.test', 'desk');
    await befriend(alice, bob);
    await seesOnline(alice, bob, 'laptop');
    expect(await alice.call('listBlocked', { accountId: alice.accountId })).toEqual({ accountId: alice.accountId, supported: true, blocked: [] });

    const aliceMark = alice.mark();
    const bobMark = bob.mark();
    const view = await alice.call('block', { accountId: alice.accountId, address: bob.jid });
    expect(view).toEqual({ accountId: alice.accountId, supported: true, blocked: [bob.jid] });
    await alice.next('blockedChanged', (v) => v.accountId === alice.accountId && v.blocked.includes(bob.jid), { after: aliceMark });
    // Alice's window shows Bob offline at once; Bob sees Alice go offline (the server tells him).
    await alice.next('presenceChanged', (p) => p.presence.jid === bob.jid && p.presence.resources.length === 0, { after: aliceMark });
    await bob.next('presenceChanged', (p) => p.presence.jid === alice.jid && p.presence.resources.length === 0, { after: bobMark });

    // Bob writes: the server bounces it; Alice's window and store never get it.
    expect(await write(bob, alice.jid, 'from a blocked bob')).toBe('failed');
    await messageBarrier(witness, alice.jid, [alice]);
    expect(fromPeer(alice, bob.jid, aliceMark)).toEqual([]);
    const stored = await alice.call('loadHistory', { accountId: alice.accountId, peer: bob.jid, limit: 50 });
    expect(stored.messages.map((m) => m.body)).not.toContain('from a blocked bob');
    expect(alice.all('chatStateChanged', aliceMark).filter((c) => c.peer === bob.jid)).toEqual([]);

    // Unblocked: Bob's presence and messages come back.
    const again = alice.mark();
    const bobAgain = bob.mark();
    expect(await alice.call('unblock', { accountId: alice.accountId, address: bob.jid })).toEqual({ accountId: alice.accountId, supported: true, blocked: [] });
    // The server shows Alice to Bob again at once; Bob's presence reaches Alice with his next change.
    await seesOnline(bob, alice, 'desk', bobAgain);
    await bob.call('setPresence', { accountId: bob.accountId, show: 'away', status: null });
    await seesOnline(alice, bob, 'laptop', again);
    await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'bob again' });
    await alice.next('messageReceived', (m) => m.peer === bob.jid && m.body === 'bob again', { after: again });
    expect((await alice.call('listConversations', { accountId: alice.accountId })).some((c) => c.peer === bob.jid)).toBe(true);
  });

  it('the other way: Bob blocks Alice; her message never reaches his window or store', async () => {
    const alice = await suite.open('alice@posh.test', 'phone');
    const bob = await suite.open('bob@posh.test', 'tablet');
    const witness = await suite.open('bob@ref.test', 'phone');
    const bobMark = bob.mark();
    await bob.call('block', { accountId: bob.accountId, address: alice.jid });
    expect(await write(alice, bob.jid, 'from a blocked alice')).toBe('failed');
    await messageBarrier(witness, bob.jid, [bob]);
    expect(fromPeer(bob, alice.jid, bobMark)).toEqual([]);
    const stored = await bob.call('loadHistory', { accountId: bob.accountId, peer: alice.jid, limit: 50 });
    expect(stored.messages.map((m) => m.body)).not.toContain('from a blocked alice');
    await bob.call('unblock', { accountId: bob.accountId, address: alice.jid });
  });

  it('a block or unblock made on the account’s other client reaches this one', async () => {
    const desk = await suite.open('alice@ref.test', 'desk');
    const phone = await suite.open('alice@ref.test', 'phone');
    const bob = await suite.open('bob@ref.test', 'laptop');
    const mark = desk.mark();
    await phone.call('block', { accountId: phone.accountId, address: bob.jid });
    const pushed = await desk.next('blockedChanged', (v) => v.accountId === desk.accountId && v.blocked.includes(bob.jid), { after: mark });
    expect(pushed).toEqual({ accountId: desk.accountId, supported: true, blocked: [bob.jid] });
    expect(await desk.call('listBlocked', { accountId: desk.accountId })).toEqual(pushed);

    const unblockMark = desk.mark();
    await phone.call('unblock', { accountId: phone.accountId, address: bob.jid });
    await desk.next('blockedChanged', (v) => v.accountId === desk.accountId && v.blocked.length === 0, { after: unblockMark });
    expect((await desk.call('listBlocked', { accountId: desk.accountId })).blocked).toEqual([]);
  });

  it('blocking a whole domain keeps out everyone at it, and no one else', async () => {
    const alice = await suite.open('alice@bücher.test', 'desk');
    const stranger = await suite.open('bob@köln.test', 'laptop');
    const neighbour = await suite.open('bob@bücher.test', 'laptop');
    const mark = alice.mark();
    const view = await alice.call('block', { accountId: alice.accountId, address: 'köln.test' });
    expect(view.blocked).toEqual(['köln.test']);
    expect(await write(stranger, alice.jid, 'from the blocked domain')).toBe('failed');
    await messageBarrier(neighbour, alice.jid, [alice]);
    expect(alice.all('messageReceived', mark).map((m) => m.peer)).toEqual([neighbour.jid]);
    await alice.call('unblock', { accountId: alice.accountId, address: 'köln.test' });
  });

  it('copies from before the block (offline delivery, the archive) are kept out by the client itself', async () => {
    // Bob writes while Alice has no session: the server keeps it for her (offline) and archives it.
    const bob = await suite.open('bob@valid.test', 'laptop');
    const witness = await suite.open('bob@posh.test', 'laptop');
    const early = `before the block ${randomUUID()}`;
    await sent(bob, 'alice@valid.test', early);
    // Alice's other client blocks Bob: a bare session that sends no presence, so the offline copy stays waiting.
    const phone = suite.track(await rawSession(suite.world, 'alice', 'phone'));
    await createBlocking({ link: phone, log: () => undefined }).block([bob.jid]);
    const later = `after the block ${randomUUID()}`;
    await sent(witness, 'alice@valid.test', later);

    // Alice's app logs in: the offline copies come after the block list (in order: Bob's first), then the archive.
    const alice = await suite.open('alice@valid.test', 'desk');
    await alice.next('messageReceived', (m) => m.body === later);
    expect(alice.all('messageReceived').filter((m) => m.peer === bob.jid)).toEqual([]);
    expect((await alice.call('listBlocked', { accountId: alice.accountId })).blocked).toEqual([bob.jid]);
    // The conversation's history comes from the archive (nothing is stored yet): Bob's copy is left out there too.
    const history = await alice.call('loadHistory', { accountId: alice.accountId, peer: bob.jid, limit: 50 });
    expect(history.messages.map((m) => m.body)).not.toContain(early);
    const witnessHistory = await alice.call('loadHistory', { accountId: alice.accountId, peer: witness.jid, limit: 50 });
    expect(witnessHistory.messages.map((m) => m.body)).toContain(later);
    expect((await alice.call('listConversations', { accountId: alice.accountId })).some((c) => c.peer === bob.jid)).toBe(false);
    await alice.call('unblock', { accountId: alice.accountId, address: bob.jid });
  });
});

/** `from` writes to `to` and the server has acknowledged it (so it is stored offline and archived by then). */
async function sent(from: ChatClient, to: string, body: string): Promise<void> {
  const mark = from.mark();
  const message = await from.call('sendMessage', { accountId: from.accountId, to, body });
  await from.next('messageUpdated', (u) => u.id === message.id && u.state === 'sent', { after: mark });
}
