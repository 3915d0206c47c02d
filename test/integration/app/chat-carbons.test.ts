/**
 * Message carbons (XEP-0280) between two devices of one account, each its own app instance, on a real
 * Prosody: what a contact sends reaches both devices once, what one device sends shows up on the other as
 * an outgoing copy (confirmed there too when the contact's receipt comes back), and a carbon forged by a
 * contact is ignored (XEP-0280 §11).
 */
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { plaintextChatSuite } from './chat-suite.js';
import { signIn } from './chat-client.js';
import { befriend, seesOnline } from './chat-friends.js';
import { messageBarrier } from './message-barrier.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('carbons between two devices of one account', () => {
  // Alice and Bob of valid.test become mutual contacts once, so every test can see who is online.
  const suite = plaintextChatSuite(async (world) => {
    const alice = await signIn(world, 'alice@valid.test', { resource: 'setup', app: { omemo: false } });
    const bob = await signIn(world, 'bob@valid.test', { resource: 'setup', app: { omemo: false } });
    try {
      await befriend(alice, bob);
    } finally {
      await Promise.all([alice.app.close(), bob.app.close()]);
    }
  });
  const open = suite.open;


  it('a message to the account reaches both devices; a message from one device appears on the other as sent', async () => {
    const desk = await open('alice@valid.test', 'desk');
    const bob = await open('bob@valid.test', 'laptop');
    const phone = await open('alice@valid.test', 'phone');
    // Bob seeing both devices online means each has sent its initial presence, after enabling carbons.
    await Promise.all([seesOnline(bob, desk, 'desk'), seesOnline(bob, phone, 'phone'), seesOnline(phone, bob, 'laptop')]);

    // Bob writes to Alice's bare JID: both devices get it, each exactly once.
    const fromBob = await bob.call('sendMessage', { accountId: bob.accountId, to: 'alice@valid.test', body: 'to all your devices' });
    const onDesk = await desk.next('messageReceived', (m) => m.body === 'to all your devices');
    const onPhone = await phone.next('messageReceived', (m) => m.body === 'to all your devices');
    for (const copy of [onDesk, onPhone]) expect(copy).toMatchObject({ direction: 'in', peer: bob.jid, state: 'received', originId: fromBob.originId });
    await bob.next('messageUpdated', (u) => u.id === fromBob.id && u.state === 'delivered');

    // Alice writes from her desk: Bob gets it, and her phone shows it as her own outgoing message.
    const fromDesk = await desk.call('sendMessage', { accountId: desk.accountId, to: bob.jid, body: 'written at my desk' });
    await bob.next('messageReceived', (m) => m.body === 'written at my desk');
    const copy = await phone.next('messageReceived', (m) => m.body === 'written at my desk');
    expect(copy).toMatchObject({ direction: 'out', peer: bob.jid, carbon: true, state: 'sent', originId: fromDesk.originId, accountId: phone.accountId });
    // Bob's receipt goes to the desk, and its carbon to the phone: both show the message delivered.
    await desk.next('messageUpdated', (u) => u.id === fromDesk.id && u.state === 'delivered');
    await phone.next('messageUpdated', (u) => u.id === copy.id && u.state === 'delivered');

    // On the phone, the conversation with Bob ends with what Alice wrote at her desk.
    const conversations = await phone.call('listConversations', { accountId: phone.accountId });
    expect(conversations).toEqual([expect.objectContaining({ peer: bob.jid, lastMessage: expect.objectContaining({ body: 'written at my desk', direction: 'out' }) })]);

    // Everything arrived once: a marker from each writer, once in, comes after any copy of what they wrote before.
    await messageBarrier(bob, 'alice@valid.test', [desk, phone]);
    await messageBarrier(desk, bob.jid, [bob, phone]);
    for (const device of [desk, phone]) expect(device.all('messageReceived').filter((m) => m.body === 'to all your devices')).toHaveLength(1);
    expect(phone.all('messageReceived').filter((m) => m.body === 'written at my desk')).toHaveLength(1);
    expect(bob.all('messageReceived').filter((m) => m.body === 'written at my desk')).toHaveLength(1);
    // The desk does not see its own message come back.
    expect(desk.all('messageReceived').filter((m) => m.body === 'written at my desk')).toEqual([]);
  });

  it('a message Bob sends to one device (its full JID) reaches the other as a received carbon', async () => {
    const desk = await open('alice@valid.test', 'desk');
    const phone = await open('alice@valid.test', 'phone');
    const watcher = await open('bob@valid.test', 'laptop');
    await Promise.all([seesOnline(watcher, desk, 'desk'), seesOnline(watcher, phone, 'phone')]);

    // The app only writes to bare JIDs, so Bob's other device here is a plain session.
    const script = await rawSession(suite.world, 'bob', 'script');
    try {
      await script.send(xml('message', { to: 'alice@valid.test/desk', type: 'chat', id: 'full-jid-1' }, xml('body', {}, 'only for your desk')));
      const onDesk = await desk.next('messageReceived', (m) => m.body === 'only for your desk');
      const onPhone = await phone.next('messageReceived', (m) => m.body === 'only for your desk');
      expect(onDesk).toMatchObject({ direction: 'in', peer: 'bob@valid.test', carbon: false });
      expect(onPhone).toMatchObject({ direction: 'in', peer: 'bob@valid.test', carbon: true, state: 'received' });
    } finally {
      await script.close();
    }
  });

  it('ignores a forged carbon: a contact cannot put words in anyone\'s mouth by wrapping them as a copy', async () => {
    const desk = await open('alice@valid.test', 'desk');
    const watcher = await open('bob@valid.test', 'laptop');
    await seesOnline(watcher, desk, 'desk');
    const mark = desk.mark();

    const script = await rawSession(suite.world, 'bob', 'forger');
    try {
      // Shaped exactly like the server's own copies (mod_carbons), jabber:client namespace included, so
      // only the sender's address gives them away.
      const forged = (direction: 'received' | 'sent', inner: { from: string; to: string; body: string }) =>
        xml(
          'message',
          { to: 'alice@valid.test/desk', type: 'chat', id: `forged-${direction}` },
          xml(direction, { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('message', { xmlns: 'jabber:client', ...inner, type: 'chat' }, xml('body', {}, inner.body)))),
        );
      // "Carol said..." as if the server had copied it to Alice.
      await script.send(forged('received', { from: 'carol@valid.test/home', to: 'alice@valid.test/desk', body: 'forged: carol says hi' }));
      // "Alice said..." as if Alice had written it on another device.
      await script.send(forged('sent', { from: 'alice@valid.test/phone', to: 'bob@valid.test', body: 'forged: alice agrees' }));
      // Then an honest message: once it is in, the forgeries (sent before it, same route) had their chance.
      await script.send(xml('message', { to: 'alice@valid.test/desk', type: 'chat', id: 'honest-1' }, xml('body', {}, 'an honest message')));
      await desk.next('messageReceived', (m) => m.body === 'an honest message', { after: mark });
      expect(desk.all('messageReceived', mark).map((m) => m.body)).toEqual(['an honest message']);
      expect((await desk.call('listConversations', { accountId: desk.accountId })).map((c) => c.peer)).toEqual(['bob@valid.test']);
    } finally {
      await script.close();
    }
  });
});
