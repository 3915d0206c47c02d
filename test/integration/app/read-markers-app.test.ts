/**
 * Read markers (XEP-0333, issue 14) between accounts on a real Prosody, through the app's requests: our
 * messages ask for markers, a contact's displayed marker moves "read up to" (both ways, one marker for the
 * newest message shown), our other device's marker clears the unread count here, a marker from a third party
 * or naming an unknown message changes nothing, and with the setting off no marker leaves the app (checked on
 * the wire by a plain session of the contact).
 */
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { OnlineXmppSession } from '../../../main/xmpp/session/open-session.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { plaintextChatSuite } from './chat-suite.js';
import type { ChatClient } from './chat-client.js';
import { befriend, seesOnline } from './chat-friends.js';
import { messageBarrier } from './message-barrier.js';
import { rawSession } from './raw-xmpp-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const MARKERS = 'urn:xmpp:chat-markers:0';

/** Every stanza a plain session receives, as received, with a way to wait for one. */
function recorder(session: OnlineXmppSession) {
  const stanzas: Element[] = [];
  const waiters: Array<{ test: (s: Element) => boolean; resolve: (s: Element) => void }> = [];
  session.onStanza((stanza) => {
    stanzas.push(stanza);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(stanza)) waiter.resolve(stanza);
      else waiters.push(waiter);
    }
  });
  return {
    stanzas,
    next: (test: (s: Element) => boolean, after = 0): Promise<Element> => {
      const seen = stanzas.slice(after).find(test);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

const bodyIs = (text: string) => (s: Element) => s.name === 'message' && s.getChildText('body') === text;

describe.runIf(available)('read markers through a real Prosody', () => {
  const suite = plaintextChatSuite();
  const open = suite.open;
  const raw = async (user: 'alice' | 'bob', resource: string) => suite.track(await rawSession(suite.world, user, resource));

  async function friends(domain: string): Promise<[ChatClient, ChatClient]> {
    const alice = await open(`alice@${domain}`, 'desk');
    const bob = await open(`bob@${domain}`, 'laptop');
    await befriend(alice, bob);
    await Promise.all([seesOnline(alice, bob, 'laptop'), seesOnline(bob, alice, 'desk')]);
    return [alice, bob];
  }

  it('both ways: one marker for the newest message shown moves "read up to"; with the setting off nothing is sent', async () => {
    const [alice, bob] = await friends('valid.test');
    // A plain session of Bob's: a message to his bare address reaches each of his devices, so it sees the bytes.
    const inspector = await raw('bob', 'inspector');
    const wire = recorder(inspector);
    await inspector.send(xml('presence', {}));
    await seesOnline(alice, bob, 'inspector');

    // Alice → Bob: our messages ask for markers.
    await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: 'one' });
    const two = await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: 'two' });
    await bob.next('messageReceived', (m) => m.body === 'two');
    const onWire = await wire.next(bodyIs('two'));
    expect(onWire.getChild('markable', MARKERS)).toBeDefined();

    // Bob's window shows the conversation: one marker, for the newest message, not one for each.
    const aliceMark = alice.mark();
    await bob.call('markDisplayed', { accountId: bob.accountId, peer: alice.jid });
    const read = await alice.next('readMarkerChanged', (c) => c.peer === bob.jid, { after: aliceMark });
    expect(read).toEqual({ accountId: alice.accountId, peer: bob.jid, reader: 'contact', id: two.id });
    // Shown again with nothing new: nothing more is sent. Bob's next message comes after anything he sent before.
    await bob.call('markDisplayed', { accountId: bob.accountId, peer: alice.jid });
    await messageBarrier(bob, alice.jid, [alice]);
    expect(alice.all('readMarkerChanged', aliceMark)).toHaveLength(1);
    expect(await alice.call('getReadPosition', { accountId: alice.accountId, peer: bob.jid })).toEqual({ id: two.id });

    // Bob → Alice, and Alice's marker on the wire.
    const three = await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'three' });
    await alice.next('messageReceived', (m) => m.body === 'three');
    const bobMark = bob.mark();
    const wireMark = wire.stanzas.length;
    await alice.call('markDisplayed', { accountId: alice.accountId, peer: bob.jid });
    const marker = await wire.next((s) => s.getChild('displayed', MARKERS) !== undefined, wireMark);
    // The attributes, not the text: Prosody writes them in no fixed order.
    expect(marker.getChild('displayed', MARKERS)?.attrs.id).toBe(three.stanzaId);
    expect(await bob.next('readMarkerChanged', (c) => c.peer === alice.jid, { after: bobMark })).toMatchObject({ reader: 'contact', id: three.id });

    // The setting off: Alice reads Bob's next message and no marker leaves her app.
    expect(await alice.call('setReadMarkerSettings', { sendReadMarkers: false })).toEqual({ sendReadMarkers: false });
    await bob.call('sendMessage', { accountId: bob.accountId, to: alice.jid, body: 'four' });
    await alice.next('messageReceived', (m) => m.body === 'four');
    const offMark = wire.stanzas.length;
    const bobOffMark = bob.mark();
    await alice.call('markDisplayed', { accountId: alice.accountId, peer: bob.jid });
    // Alice's next message reaches Bob after anything she sent before it.
    await alice.call('sendMessage', { accountId: alice.accountId, to: bob.jid, body: 'after the setting' });
    await wire.next(bodyIs('after the setting'), offMark);
    const sentMeanwhile = wire.stanzas.slice(offMark).map((s) => s.toString());
    expect(sentMeanwhile.filter((s) => s.includes('<displayed'))).toEqual([]);
    expect(bob.all('readMarkerChanged', bobOffMark)).toEqual([]);
    expect(await alice.call('getReadMarkerSettings')).toEqual({ sendReadMarkers: false });
  });

  it('read on another of our devices: its marker (a sent carbon) clears the unread count here', async () => {
    const [desk, bob] = await friends('posh.test');
    const phone = await open('alice@posh.test', 'phone');
    await seesOnline(bob, phone, 'phone');

    await bob.call('sendMessage', { accountId: bob.accountId, to: desk.jid, body: 'for all of you' });
    await Promise.all([desk.next('messageReceived', (m) => m.body === 'for all of you'), phone.next('messageReceived', (m) => m.body === 'for all of you')]);
    expect((await desk.call('listConversations', { accountId: desk.accountId }))[0]?.unread).toBe(1);

    const deskMark = desk.mark();
    await phone.call('markDisplayed', { accountId: phone.accountId, peer: bob.jid });
    expect(await desk.next('readMarkerChanged', (c) => c.peer === bob.jid, { after: deskMark })).toEqual({
      accountId: desk.accountId,
      peer: bob.jid,
      reader: 'us',
      unread: 0,
    });
    expect((await desk.call('listConversations', { accountId: desk.accountId }))[0]?.unread).toBe(0);
    // Bob hears it as the contact's reading.
    await bob.next('readMarkerChanged', (c) => c.peer === desk.jid && c.reader === 'contact');
  });

  it('a marker from someone else than the contact, or naming no message of ours, changes nothing', async () => {
    const alice = await open('alice@ref.test', 'desk');
    // Bob of valid.test is the contact; Alice of valid.test is a third party. Both are plain sessions.
    const bob = await raw('bob', 'contact');
    const bobWire = recorder(bob);
    await bob.send(xml('presence', {}));
    const third = await raw('alice', 'stranger');

    const sent = await alice.call('sendMessage', { accountId: alice.accountId, to: 'bob@valid.test', body: 'did you read this?' });
    await bobWire.next(bodyIs('did you read this?'));
    const markerFor = (id: string) => xml('message', { to: alice.fullJid, type: 'chat', id: `marker-${id}` }, xml('displayed', { xmlns: MARKERS, id }));
    /** `from` sends an honest message and waits until Alice has it: whatever it sent before has been handled. */
    const flush = async (from: OnlineXmppSession, body: string) => {
      await from.send(xml('message', { to: alice.fullJid, type: 'chat', id: `flush-${body}` }, xml('body', {}, body)));
      await alice.next('messageReceived', (m) => m.body === body);
    };
    const mark = alice.mark();

    // A third party names Alice's message to Bob.
    await third.send(markerFor(sent.stanzaId ?? ''));
    await flush(third, 'after the stranger');
    // Bob names a message that does not exist, then one of his own.
    await bob.send(markerFor('no-such-message'));
    await bob.send(xml('message', { to: alice.fullJid, type: 'chat', id: 'bobs-own' }, xml('body', {}, 'my own words'), xml('markable', { xmlns: MARKERS })));
    await bob.send(markerFor('bobs-own'));
    await flush(bob, 'after the unknown');
    expect(alice.all('readMarkerChanged', mark)).toEqual([]);
    expect(await alice.call('getReadPosition', { accountId: alice.accountId, peer: 'bob@valid.test' })).toEqual({ id: null });

    // The real thing from the contact does count.
    await bob.send(markerFor(sent.stanzaId ?? ''));
    expect(await alice.next('readMarkerChanged', () => true, { after: mark })).toMatchObject({ peer: 'bob@valid.test', reader: 'contact', id: sent.id });
  });
});
