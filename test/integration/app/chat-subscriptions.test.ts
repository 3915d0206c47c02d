/**
 * Presence subscriptions beyond request and approve (RFC 6121 §3), against a real Prosody: approving a
 * contact in advance (pre-approval, §3.4, which Prosody offers after login), and cancelling either direction.
 */
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { subscribe } from './chat-friends.js';
import { chatSuite } from './chat-suite.js';
import { messageBarrier } from './message-barrier.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('presence subscriptions through the app', () => {
  const suite = chatSuite();

  it('a pre-approved contact sees us as soon as they ask, without a question to us', async () => {
    const alice = await suite.open('alice@posh.test', 'desk');
    const bob = await suite.open('bob@posh.test', 'laptop');
    await alice.call('changeSubscription', { accountId: alice.accountId, jid: bob.jid, action: 'pre-approve' });
    const aliceMark = alice.mark();
    await bob.call('addContact', { accountId: bob.accountId, jid: alice.jid });
    // Bob's request is granted by the server on Alice's behalf.
    await bob.next('rosterChanged', (p) => p.items.some((i) => i.jid === alice.jid && (i.subscription === 'to' || i.subscription === 'both')));
    // Bob's next message reaches Alice after his request would have: nothing came before it.
    await messageBarrier(bob, alice.jid, [alice]);
    expect(alice.all('subscriptionRequested', aliceMark).filter((r) => r.from === bob.jid)).toEqual([]);
  });

  it('revoking and unsubscribing end each direction of sharing', async () => {
    const alice = await suite.open('alice@ref.test', 'desk');
    const bob = await suite.open('bob@ref.test', 'laptop');
    await subscribe(bob, alice); // bob sees alice
    await subscribe(alice, bob); // alice sees bob

    const bobMark = bob.mark();
    await alice.call('changeSubscription', { accountId: alice.accountId, jid: bob.jid, action: 'revoke' });
    // Bob no longer sees Alice: his side loses 'to'.
    await bob.next('rosterChanged', (p) => p.items.some((i) => i.jid === alice.jid && (i.subscription === 'from' || i.subscription === 'none')), { after: bobMark });

    const aliceMark = alice.mark();
    await alice.call('changeSubscription', { accountId: alice.accountId, jid: bob.jid, action: 'unsubscribe' });
    await alice.next('rosterChanged', (p) => p.items.some((i) => i.jid === bob.jid && i.subscription === 'none'), { after: aliceMark });
  });
});
