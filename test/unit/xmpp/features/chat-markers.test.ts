/**
 * XEP-0333 displayed markers on the wire (issue 14): what is read from a contact's message, from our other
 * devices' carbons (through the feature set, as the app wires it), what is refused, and what we send.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MARKER_ID_LENGTH, type DisplayedMarker } from '../../../../main/xmpp/features/chat-markers.js';
import { createFeatureSet } from '../../../../main/xmpp/features/feature-set.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { chatStanza, composeChatMessage } from '../../../../main/xmpp/features/outgoing-message.js';
import { counterIds, FakeLink, fixedClock } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const NS = 'urn:xmpp:chat-markers:0';

function setup() {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const features = createFeatureSet({ link, accountId: ACCOUNT, now: fixedClock().now, ids: counterIds('x'), log: (e) => logged.push(e), preApproval: false });
  const seen: DisplayedMarker[] = [];
  features.chatMarkers.on('displayed', (m) => seen.push(m));
  const messages: unknown[] = [];
  features.messages.on('message', (m) => messages.push(m));
  return { link, features, seen, logged, messages };
}

const marker = (from: string, id: string, extra = '') =>
  `<message xmlns='jabber:client' from='${from}' to='alice@example.org/desk' type='chat' id='mk'><displayed xmlns='${NS}' id='${id}'/>${extra}</message>`;
const carbon = (kind: 'sent' | 'received', inner: string) =>
  `<message from='alice@example.org' to='alice@example.org/desk' type='chat'><${kind} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></${kind}></message>`;

describe('chat markers', () => {
  it("reads a contact's displayed marker, and makes no message of it", () => {
    const { link, seen, messages } = setup();
    link.receive(marker('romeo@example.net/orchard', 'm-7'));
    expect(seen).toEqual([{ peer: 'romeo@example.net', id: 'm-7', reader: 'contact' }]);
    expect(messages).toEqual([]);
  });

  it("reads carbons: the contact's marker to our other device, and our other device's marker to the contact", () => {
    const { link, seen } = setup();
    link.receive(carbon('received', marker('romeo@example.net/orchard', 'ours-1').replace('alice@example.org/desk', 'alice@example.org/phone')));
    link.receive(
      carbon('sent', `<message xmlns='jabber:client' from='alice@example.org/phone' to='romeo@example.net' type='chat' id='p1'><displayed xmlns='${NS}' id='theirs-1'/></message>`),
    );
    expect(seen).toEqual([
      { peer: 'romeo@example.net', id: 'ours-1', reader: 'contact' },
      { peer: 'romeo@example.net', id: 'theirs-1', reader: 'us' },
    ]);
  });

  it('refuses a forged "sent" carbon, room markers, several markers, and absurd ids', () => {
    const { link, seen } = setup();
    // Wrapped by the contact, not our server: carbons.ts refuses it before markers see it.
    link.receive(carbon('sent', marker('alice@example.org/phone', 'x')).replace("from='alice@example.org'", "from='romeo@example.net'"));
    link.receive(marker('room@rooms.example.net/nick', 'r1').replace("type='chat'", "type='groupchat'"));
    link.receive(marker('romeo@example.net/orchard', 'a', `<displayed xmlns='${NS}' id='b'/>`));
    link.receive(marker('romeo@example.net/orchard', 'x'.repeat(MAX_MARKER_ID_LENGTH + 1)));
    link.receive(marker('romeo@example.net/orchard', ''));
    expect(seen).toEqual([]);
  });

  it('sends a displayed marker with a store hint, and asks for markers on our messages', async () => {
    const { link, features } = setup();
    await features.chatMarkers.sendDisplayed('romeo@example.net', 'their-id');
    const sent = link.sent.at(-1);
    expect(sent?.attrs).toMatchObject({ to: 'romeo@example.net', type: 'chat' });
    expect(sent?.getChildElements().map((e) => `${e.getNS()} ${e.name} ${e.attrs.id ?? ''}`.trim())).toEqual([`${NS} displayed their-id`, 'urn:xmpp:hints store']);
    const ours = chatStanza(composeChatMessage({ accountId: ACCOUNT, now: () => new Date(), ids: () => 'o-1' }, 'romeo@example.net', 'hi'));
    expect(ours.getChild('markable', NS)).toBeDefined();
  });

  it('notes that an incoming message asked for markers', () => {
    const { link, messages } = setup();
    link.receive(`<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat' id='r1'><body>hi</body><markable xmlns='${NS}'/></message>`);
    link.receive(`<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat' id='r2'><body>plain</body></message>`);
    expect(messages).toMatchObject([{ body: 'hi', markable: true }, { body: 'plain' }]);
    expect(messages[1]).not.toHaveProperty('markable');
  });
});
