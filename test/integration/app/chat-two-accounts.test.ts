/**
 * Two accounts on a real Prosody chat through the app's requests: presence subscription both ways
 * (RFC 6121 §3), presence (§4), one-to-one messages (§5) each arriving once, delivery receipts
 * (XEP-0184) turning the sender's message 'delivered', and chat states (XEP-0085) both ways.
 */
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';
import { befriend, seesOnline, subscribe } from './chat-friends.js';
import { messageBarrier } from './message-barrier.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('two accounts chat through a real Prosody', () => {
  const suite = chatSuite();

  const open = suite.open;

  it('subscribe both ways: the request reaches the contact, approval shows in both rosters, presence is seen both ways', async () => {
    const alice = await open('alice@valid.test', 'desk');
    const bob = await open('bob@valid.test', 'laptop');

    // Alice asks; Bob sees the request (and no one else's).
    const bobMark = bob.mark();
    await alice.call('addContact', { accountId: alice.accountId, jid: bob.jid, name: 'Bob', groups: ['Friends'] });
    const request = await bob.next('subscriptionRequested', (r) => r.from === alice.jid, { after: bobMark });
    expect(request.accountId).toBe(bob.accountId);
    // Until Bob answers, Alice's roster shows the request as pending.
    await alice.next('rosterChanged', (p) => p.items.some((i) => i.jid === bob.jid && i.subscription === 'none' && i.pendingOut));

    const aliceMark = alice.mark();
    await bob.call('answerSubscription', { accountId: bob.accountId, jid: alice.jid, approve: true });
    await alice.next('rosterChanged', (p) => p.items.some((i) => i.jid === bob.jid && i.subscription === 'to' && !i.pendingOut), { after: aliceMark });
    await seesOnline(alice, bob, 'laptop', aliceMark);
    // Bob's roster now lists Alice as allowed to see him ('from').
    await bob.next('rosterChanged', (p) => p.items.some((i) => i.jid === alice.jid && i.subscription === 'from'));

    // And back.
    const bobMark2 = bob.mark();
    await subscribe(bob, alice);
    await seesOnline(bob, alice, 'desk', bobMark2);
    const aliceRoster = await alice.call('getRoster', { accountId: alice.accountId });
    expect(aliceRoster.items).toEqual([expect.objectContaining({ jid: bob.jid, name: 'Bob', groups: ['Friends'], subscription: 'both' })]);
    expect(aliceRoster.presence).toEqual([{ jid: bob.jid, resources: [expect.objectContaining({ resource: 'laptop', show: 'online' })] }]);
    const bobRoster = await bob.call('getRoster', { accountId: bob.accountId });
    expect(bobRoster.items).toEqual([expect.objectContaining({ jid: alice.jid, subscription: 'both' })]);

    // Presence changes travel too: Bob goes away with a status.
    const away = alice.mark();
    await bob.call('setPresence', { accountId: bob.accountId, show: 'away', status: 'lunch' });
    const seen = await alice.next('presenceChanged', (p) => p.presence.jid === bob.jid && p.presence.resources[0]?.show === 'away', { after: away });
    expect(seen.presence.resources).toEqual([{ resource: 'laptop', show: 'away', status: 'lunch', priority: 0 }]);
  });

  it('messages both ways arrive once, receipts mark them delivered, chat states round-trip', async () => {
    // Each test uses its own domain of the shared Prosody, so no test depends on another's rosters.
    const alice = await open('alice@ref.test', 'desk');
    const bob = await open('bob@ref.test', 'laptop');
    await befriend(alice, bob);
    await Promise.all([seesOnline(alice, bob, 'laptop'), seesOnline(bob, alice, 'desk')]);

    // Alice → Bob.
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: 'Hello Bob <b>&amp;</b>' });
    expect(sent).toMatchObject({ direction: 'out', peer: bob.jid, state: 'queued' });
    const got = await bob.next('messageReceived', (m) => m.direction === 'in' && m.peer === alice.jid);
    // The body is text, carried exactly (xml escaping is the transport's business).
    expect(got).toMatchObject({ accountId: bob.accountId, body: 'Hello Bob <b>&amp;</b>', state: 'received', carbon: false, originId: sent.originId });
    // Bob's client acknowledged it (XEP-0184): Alice's copy goes sent → delivered.
    await alice.next('messageUpdated', (u) => u.id === sent.id && u.state === 'delivered');
    const aliceUpdates = alice.all('messageUpdated').filter((u) => u.id === sent.id).map((u) => u.state);
    expect(aliceUpdates.at(-1)).toBe('delivered');
    expect(aliceUpdates).not.toContain('failed');

    // Bob → Alice.
    const reply = await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'Hi Alice' });
    const gotReply = await alice.next('messageReceived', (m) => m.direction === 'in' && m.body === 'Hi Alice');
    expect(gotReply).toMatchObject({ peer: bob.jid, state: 'received', carbon: false });
    await bob.next('messageUpdated', (u) => u.id === reply.id && u.state === 'delivered');

    // Chat states: each side has seen the other's <active/> (carried by every content message), so standalone
    // notifications are allowed (XEP-0085 §5.1).
    for (const [writer, reader] of [
      [bob, alice],
      [alice, bob],
    ] as const) {
      const mark = reader.mark();
      await writer.call('sendChatState', { accountId: writer.accountId, to: reader.jid, state: 'composing' });
      await reader.next('chatStateChanged', (c) => c.peer === writer.jid && c.state === 'composing', { after: mark });
      await writer.call('sendChatState', { accountId: writer.accountId, to: reader.jid, state: 'paused' });
      await reader.next('chatStateChanged', (c) => c.peer === writer.jid && c.state === 'paused', { after: mark });
      const states = reader.all('chatStateChanged', mark).filter((c) => c.peer === writer.jid).map((c) => c.state);
      expect(states).toEqual(['composing', 'paused']);
      // A chat state is not a message.
      expect(reader.all('messageReceived', mark)).toEqual([]);
    }

    // Each message arrived once. The chat states above went the same way after them, so a second copy of either
    // message (sent again, or echoed by the server) would have arrived before them: no sleeping needed.
    expect(bob.all('messageReceived').filter((m) => m.body === 'Hello Bob <b>&amp;</b>')).toHaveLength(1);
    expect(alice.all('messageReceived').filter((m) => m.body === 'Hi Alice')).toHaveLength(1);
    // Neither side shows its own message as an incoming one.
    expect(alice.all('messageReceived').filter((m) => m.direction === 'out')).toEqual([]);
    expect(bob.all('messageReceived').filter((m) => m.direction === 'out')).toEqual([]);

    // The conversation lists hold both messages on each side.
    const aliceConversations = await alice.call('listConversations', { accountId: alice.accountId });
    expect(aliceConversations).toEqual([expect.objectContaining({ peer: bob.jid, unread: 1, lastMessage: expect.objectContaining({ body: 'Hi Alice' }) })]);
    await alice.call('markRead', { accountId: alice.accountId, peer: bob.jid });
    expect((await alice.call('listConversations', { accountId: alice.accountId }))[0]?.unread).toBe(0);
  });

  it('no chat states to a contact who has not shown support for them', async () => {
    const alice = await open('alice@posh.test', 'desk');
    const bob = await open('bob@posh.test', 'laptop');
    await befriend(alice, bob);
    await Promise.all([seesOnline(alice, bob, 'laptop'), seesOnline(bob, alice, 'desk')]);
    // Bob has never heard a chat state from Alice: XEP-0085 §5.1 says don't send one.
    const mark = alice.mark();
    await bob.call('sendChatState', { accountId: bob.accountId, to: alice.jid, state: 'composing' });
    // A message Bob writes next reaches Alice after anything he sent before it (it carries <active/> itself).
    await messageBarrier(bob, alice.jid, [alice]);
    expect(alice.all('chatStateChanged', mark).map((c) => c.state)).not.toContain('composing');
    expect(alice.all('chatStateChanged', mark).map((c) => c.state)).toEqual(['active']);
  });
});
