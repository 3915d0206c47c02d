/**
 * Hostile and failing input from the network, on a real Prosody: a contact who forges a roster push or a
 * delivery receipt changes nothing in the app, and a message to an address with no account comes back as
 * an error that marks it failed. (A forged carbon is in chat-carbons.test.ts.) The attacker is Bob, with a
 * plain session that can send stanzas the app itself never would.
 */
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { StanzaError } from '../../../main/xmpp/link.js';
import type { OnlineXmppSession } from '../../../main/xmpp/session/open-session.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';
import { type ChatClient } from './chat-client.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('hostile and failing input', () => {
  const suite = chatSuite();

  const open = suite.open;
  const attacker = async (resource: string) => {
    const session = await rawSession(suite.world, 'bob', resource);
    suite.track(session);
    return session;
  };

  /** Bob sends an honest message and waits until Alice has it: whatever he sent before has been handled. */
  async function flush(bob: OnlineXmppSession, alice: ChatClient, body: string): Promise<void> {
    await bob.send(xml('message', { to: `${alice.fullJid}`, type: 'chat', id: `honest-${body}` }, xml('body', {}, body)));
    await alice.next('messageReceived', (m) => m.body === body);
  }

  it('refuses a roster push from another account (RFC 6121 §2.1.6) and keeps the roster as it was', async () => {
    const alice = await open('alice@valid.test', 'desk');
    const bob = await attacker('forger');
    const mark = alice.mark();

    const push = xml('iq', { type: 'set', to: alice.fullJid }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: 'mallory@valid.test', name: 'Trust me', subscription: 'both' })));
    const answer = bob.request(push, 5_000);
    // Answered like an iq nobody handles, so the sender learns nothing.
    await expect(answer).rejects.toBeInstanceOf(StanzaError);
    await expect(answer).rejects.toMatchObject({ condition: 'service-unavailable' });

    await flush(bob, alice, 'after the push');
    expect(alice.all('rosterChanged', mark)).toEqual([]);
    expect((await alice.call('getRoster', { accountId: alice.accountId })).items).toEqual([]);
  });

  it('a receipt from someone other than the recipient does not mark a message delivered (XEP-0184)', async () => {
    const alice = await open('alice@valid.test', 'desk');
    // To Bob of another domain on the same server, who is offline: the message is stored and stays 'sent'.
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: 'bob@posh.test', body: 'are you there?' });
    await alice.next('messageUpdated', (u) => u.id === sent.id && u.state === 'sent');

    const bob = await attacker('receipts');
    const mark = alice.mark();
    await bob.send(xml('message', { to: alice.fullJid, type: 'chat', id: 'forged-receipt' }, xml('received', { xmlns: 'urn:xmpp:receipts', id: sent.stanzaId ?? '' })));
    await flush(bob, alice, 'after the receipt');
    expect(alice.all('messageUpdated', mark)).toEqual([]);
    const conversation = (await alice.call('listConversations', { accountId: alice.accountId })).find((c) => c.peer === 'bob@posh.test');
    expect(conversation?.lastMessage).toMatchObject({ id: sent.id, state: 'sent' });
  });

  it('a message to an address without an account comes back as an error and is marked failed', async () => {
    const alice = await open('alice@valid.test', 'desk');
    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: 'nobody@valid.test', body: 'hello?' });
    const failed = await alice.next('messageUpdated', (u) => u.id === sent.id && u.state === 'failed');
    // RFC 6121 §8.5.2.2.1: no such user → service-unavailable; the app words it for a person.
    expect(failed.error).toEqual(expect.any(String));
    expect(failed.error?.length).toBeGreaterThan(0);
  });
});
