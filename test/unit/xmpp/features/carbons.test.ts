import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../app/domain/chat.js';
import { createCarbons } from '../../../../main/xmpp/features/carbons.js';
import { createDedupe } from '../../../../main/xmpp/features/dedupe.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createMessages, type MessageEvents } from '../../../../main/xmpp/features/messages.js';
import { counterIds, FakeLink, fixedClock, settle } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const NOW = '2024-05-01T12:00:00.000Z';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const log = (e: FeatureLogEntry) => logged.push(e);
  const messages = createMessages({ link, accountId: ACCOUNT, now: fixedClock(NOW).now, ids: counterIds('local'), log, dedupe: createDedupe(), mayAcknowledge: () => true });
  const carbons = createCarbons({ link, log, messages });
  const received: ChatMessage[] = [];
  const updates: MessageEvents['updated'][] = [];
  const states: MessageEvents['chatState'][] = [];
  messages.on('message', (m) => received.push(m));
  messages.on('updated', (u) => updates.push(u));
  messages.on('chatState', (s) => states.push(s));
  return { link, carbons, logged, received, updates, states };
}

/** XEP-0280 §6/§7 shaped carbons, with the wrapper's from and the inner message chosen by the test. */
function carbon(kind: 'received' | 'sent', wrapperFrom: string | null, inner: string): string {
  const from = wrapperFrom === null ? '' : ` from='${wrapperFrom}'`;
  return `<message${from} to='alice@example.org/desk' type='chat'><${kind} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></${kind}></message>`;
}

const FROM_ROMEO = `<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/phone' type='chat' id='r1'>
  <body>What light through yonder window breaks?</body><request xmlns='urn:xmpp:receipts'/></message>`;
const TO_ROMEO = `<message xmlns='jabber:client' from='alice@example.org/phone' to='romeo@example.net/orchard' type='chat' id='s1'>
  <body>It is the east</body><origin-id xmlns='urn:xmpp:sid:0' id='s1'/></message>`;

describe('enabling carbons', () => {
  it("sends <iq type='set'><enable xmlns='urn:xmpp:carbons:2'/></iq>", async () => {
    const { link, carbons } = setup();
    const enabling = carbons.enable();
    const iq = link.lastRequest().iq;
    expect(iq.attrs.type).toBe('set');
    expect(iq.getChildElements().map((e) => `${e.getNS()} ${e.name}`)).toEqual(['urn:xmpp:carbons:2 enable']);
    link.lastRequest().result();
    await expect(enabling).resolves.toBeUndefined();
  });
});

describe('carbon copies from our own account', () => {
  it('unwraps a received carbon as an incoming message marked carbon', async () => {
    const { link, received } = setup();
    link.receive(carbon('received', 'alice@example.org', FROM_ROMEO));
    expect(received).toEqual([
      {
        id: 'local-1', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'in', body: 'What light through yonder window breaks?',
        at: NOW, state: 'received', stanzaId: 'r1', originId: null, archiveId: null, carbon: true, error: null,
      },
    ]);
    // The device it was addressed to answers the receipt request, not us.
    await settle();
    expect(link.sent).toEqual([]);
  });

  it('unwraps a sent carbon as an outgoing message from another of our devices', () => {
    const { link, received } = setup();
    link.receive(carbon('sent', 'alice@example.org', TO_ROMEO));
    expect(received).toEqual([
      {
        id: 'local-1', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'out', body: 'It is the east',
        at: NOW, state: 'sent', stanzaId: 's1', originId: 's1', archiveId: null, carbon: true, error: null,
      },
    ]);
  });

  it("marks our other device's message delivered when the peer's receipt arrives as a carbon", () => {
    const { link, updates } = setup();
    link.receive(carbon('sent', 'alice@example.org', TO_ROMEO));
    link.receive(carbon('received', 'alice@example.org', `<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/phone'><received xmlns='urn:xmpp:receipts' id='s1'/></message>`));
    expect(updates).toEqual([{ accountId: ACCOUNT, id: 'local-1', state: 'delivered', error: null }]);
  });

  it('passes on the chat state of a received carbon', () => {
    const { link, states } = setup();
    link.receive(carbon('received', 'alice@example.org', `<message xmlns='jabber:client' from='romeo@example.net/o' to='alice@example.org/phone' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`));
    expect(states).toEqual([{ peer: 'romeo@example.net', state: 'composing' }]);
  });

  it('shows a carbon once even if it arrives twice', () => {
    const { link, received } = setup();
    link.receive(carbon('sent', 'alice@example.org', TO_ROMEO));
    link.receive(carbon('sent', 'alice@example.org', TO_ROMEO));
    expect(received).toHaveLength(1);
  });
});

describe('spoofed and malformed carbons are ignored', () => {
  it.each([
    ['a contact', 'romeo@example.net'],
    ['a contact device', 'romeo@example.net/orchard'],
    ['one of our own devices (full JID, not the bare JID)', 'alice@example.org/phone'],
    ['our server domain', 'example.org'],
    ['nobody (no from)', null],
  ])('a carbon wrapper from %s', (_label, from) => {
    const { link, received, logged } = setup();
    link.receive(carbon('received', from, FROM_ROMEO));
    link.receive(carbon('sent', from, TO_ROMEO));
    expect(received).toEqual([]);
    expect(logged.map((l) => l.reason)).toEqual(['carbon not from our own bare JID', 'carbon not from our own bare JID']);
  });

  it('a received carbon of a message addressed to someone else', () => {
    const { link, received } = setup();
    link.receive(carbon('received', 'alice@example.org', FROM_ROMEO.replace('alice@example.org/phone', 'juliet@example.net')));
    expect(received).toEqual([]);
  });

  it('a sent carbon of a message someone else sent', () => {
    const { link, received } = setup();
    link.receive(carbon('sent', 'alice@example.org', TO_ROMEO.replace('alice@example.org/phone', 'mallory@evil.example/x')));
    link.receive(carbon('sent', 'alice@example.org', TO_ROMEO.replace(`from='alice@example.org/phone' `, '')));
    expect(received).toEqual([]);
  });

  it.each([
    ['two wrappers', `<message from='alice@example.org'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${FROM_ROMEO}</forwarded></received><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${TO_ROMEO}</forwarded></sent></message>`],
    ['no forwarded element', `<message from='alice@example.org'><received xmlns='urn:xmpp:carbons:2'>${FROM_ROMEO}</received></message>`],
    ['two forwarded messages', carbon('received', 'alice@example.org', FROM_ROMEO + FROM_ROMEO.replace("id='r1'", "id='r2'"))],
    ['an inner message outside jabber:client', carbon('received', 'alice@example.org', `<message from='romeo@example.net/o' to='alice@example.org/phone'><body>x</body></message>`)],
  ])('%s', (_label, stanza) => {
    const { link, received, logged } = setup();
    expect(() => link.receive(stanza)).not.toThrow();
    expect(received).toEqual([]);
    expect(logged).toHaveLength(1);
  });

  it('after dispose nothing is unwrapped', () => {
    const { link, carbons, received } = setup();
    carbons.dispose();
    link.receive(carbon('received', 'alice@example.org', FROM_ROMEO));
    expect(received).toEqual([]);
  });
});
