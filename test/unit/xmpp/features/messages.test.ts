import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../app/domain/chat.js';
import { createDedupe } from '../../../../main/xmpp/features/dedupe.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createMessages, type MessageEvents } from '../../../../main/xmpp/features/messages.js';
import { counterIds, FakeLink, fixedClock, parseStanza, settle } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const NOW = '2024-05-01T12:00:00.000Z';
const RECEIPTS = 'urn:xmpp:receipts';
const CHAT_STATES = 'http://jabber.org/protocol/chatstates';
const SID = 'urn:xmpp:sid:0';

function setup(options: { mayAcknowledge?: (peer: string) => boolean } = {}) {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const messages = createMessages({
    link,
    accountId: ACCOUNT,
    now: fixedClock(NOW).now,
    ids: counterIds('local'),
    log: (e) => logged.push(e),
    dedupe: createDedupe(),
    mayAcknowledge: options.mayAcknowledge ?? (() => true),
  });
  const received: ChatMessage[] = [];
  const updates: MessageEvents['updated'][] = [];
  const states: MessageEvents['chatState'][] = [];
  messages.on('message', (m) => received.push(m));
  messages.on('updated', (u) => updates.push(u));
  messages.on('chatState', (s) => states.push(s));
  return { link, messages, logged, received, updates, states };
}

describe('sending a chat message', () => {
  it('sends type=chat to the bare JID with an id, the same origin-id, a receipt request and <active/>', async () => {
    const { link, messages } = setup();
    const message = await messages.send('Romeo@Example.net', 'Wherefore art thou?');
    const stanza = link.lastSent();
    expect(stanza.name).toBe('message');
    expect(stanza.attrs).toEqual({ to: 'romeo@example.net', type: 'chat', id: 'local-1' });
    expect(stanza.getChildText('body')).toBe('Wherefore art thou?');
    expect(stanza.getChild('origin-id', SID)?.attrs.id).toBe('local-1');
    expect(stanza.getChild('request', RECEIPTS)).toBeDefined();
    expect(stanza.getChild('active', CHAT_STATES)).toBeDefined();
    expect(message).toEqual({
      id: 'local-1',
      accountId: ACCOUNT,
      peer: 'romeo@example.net',
      direction: 'out',
      body: 'Wherefore art thou?',
      at: NOW,
      state: 'sent',
      stanzaId: 'local-1',
      originId: 'local-1',
      archiveId: null,
      carbon: false,
      error: null,
    });
  });

  it('sends markup in the body as escaped text, never as elements', async () => {
    const { link, messages } = setup();
    const body = `</body><body>injected</body><script>alert("x")</script> & 'quotes'`;
    await messages.send('romeo@example.net', body);
    const stanza = link.lastSent();
    expect(stanza.getChildren('body')).toHaveLength(1);
    expect(stanza.getChild('body')?.getChildElements()).toEqual([]);
    expect(stanza.getChildText('body')).toBe(body);
  });

  it('refuses an empty body or a full JID', async () => {
    const { messages, link } = setup();
    expect(() => messages.compose('romeo@example.net', '')).toThrow(/body/);
    await expect(messages.send('romeo@example.net/orchard', 'hi')).rejects.toThrow(/bare JID/);
    expect(link.sent).toEqual([]);
  });
});

describe('receiving a chat message', () => {
  it('reads body, id, origin-id, our server stanza-id and the delay stamp', () => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat' id='m1'>
      <body>But soft!</body>
      <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
      <stanza-id xmlns='urn:xmpp:sid:0' id='archive-7' by='alice@example.org'/>
      <delay xmlns='urn:xmpp:delay' from='example.org' stamp='2024-04-30T22:15:00Z'/>
    </message>`);
    expect(received).toEqual([
      {
        id: 'local-1',
        accountId: ACCOUNT,
        peer: 'romeo@example.net',
        direction: 'in',
        body: 'But soft!',
        at: '2024-04-30T22:15:00.000Z',
        state: 'received',
        stanzaId: 'm1',
        originId: 'o1',
        archiveId: 'archive-7',
        carbon: false,
        error: null,
      },
    ]);
  });

  it('trusts a stanza-id only when our own bare JID added it, and only one of them', () => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat' id='a'><body>1</body><stanza-id xmlns='urn:xmpp:sid:0' id='x' by='romeo@example.net'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat' id='b'><body>2</body><stanza-id xmlns='urn:xmpp:sid:0' id='y' by='alice@example.org/desk'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat' id='c'><body>3</body>
      <stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='alice@example.org'/><stanza-id xmlns='urn:xmpp:sid:0' id='real' by='alice@example.org'/></message>`);
    expect(received.map((m) => m.archiveId)).toEqual([null, null, null]);
  });

  it('uses now when the delay stamp is missing, malformed, impossible or in the future', () => {
    const { link, received } = setup();
    for (const delay of ['', `<delay xmlns='urn:xmpp:delay' stamp='yesterday'/>`, `<delay xmlns='urn:xmpp:delay' stamp='2024-02-30T10:00:00Z'/>`, `<delay xmlns='urn:xmpp:delay' stamp='2031-01-01T00:00:00Z'/>`]) {
      link.receive(`<message from='romeo@example.net/o' type='chat'><body>${received.length}</body>${delay}</message>`);
    }
    expect(received.map((m) => m.at)).toEqual([NOW, NOW, NOW, NOW]);
  });

  it('keeps markup in bodies verbatim as text', () => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat'><body>&lt;img src=x onerror="alert(1)"&gt; &amp;amp; &lt;/body&gt;</body></message>`);
    expect(received[0]?.body).toBe('<img src=x onerror="alert(1)"> &amp; </body>');
  });

  it('keeps a huge body whole', () => {
    const { link, received } = setup();
    const huge = 'x'.repeat(1024 * 1024) + '<&>'.repeat(1000);
    const escaped = huge.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    link.receive(`<message from='romeo@example.net/o' type='chat'><body>${escaped}</body></message>`);
    expect(received[0]?.body.length).toBe(huge.length);
    expect(received[0]?.body === huge).toBe(true);
  });

  it('treats a missing or unknown type as normal, and normal messages with a body as chat', () => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net/o'><body>a</body></message><message from='romeo@example.net/o' type='weird'><body>b</body></message>`);
    expect(received.map((m) => m.body)).toEqual(['a', 'b']);
  });

  it('ignores hostile or foreign messages without throwing', () => {
    const { link, received, logged } = setup();
    expect(() =>
      link.receive(`
        <message type='chat'><body>no from</body></message>
        <message from='a@@b' type='chat'><body>bad from</body></message>
        <message from='romeo@example.net/o' to='@' type='chat'><body>bad to</body></message>
        <message from='room@muc.example.net/nick' type='groupchat'><body>room</body></message>
        <message from='news.example.net' type='headline'><body>news</body></message>
        <message from='romeo@example.net/o' type='chat'><body xmlns='urn:not-a-body'>hidden</body></message>
        <message from='romeo@example.net/o' type='chat'><body/></message>`),
    ).not.toThrow();
    expect(received).toEqual([]);
    expect(logged.map((l) => l.reason)).toEqual([
      'message without from',
      'message with a malformed from',
      'message with a malformed to',
      'groupchat message ignored',
      'headline message ignored',
    ]);
  });

  it("leaves a room's private messages to the rooms feature: the room is not a contact", () => {
    const { link, received, logged } = setup();
    link.receive(`<message from='room@muc.example.net/nick' type='chat'><body>psst</body><x xmlns='http://jabber.org/protocol/muc#user'/></message>`);
    expect(received).toEqual([]);
    expect(logged.map((l) => l.reason)).toEqual(['room private message left to rooms']);
  });

  it('leaves room invitations to the invitations feature: neither a direct one with a body nor a mediated one becomes a chat line', () => {
    const { link, received, logged } = setup();
    link.receive(`<message from='romeo@example.net/o'><body>room@muc.example.net</body><x xmlns='jabber:x:conference' jid='room@muc.example.net'/></message>`);
    link.receive(
      `<message from='room@muc.example.net'><body>romeo invited you</body><x xmlns='http://jabber.org/protocol/muc#user'><invite from='romeo@example.net'/></x></message>`,
    );
    expect(received).toEqual([]);
    expect(logged.map((l) => l.reason)).toEqual(['room invitation left to invitations', 'room private message left to rooms']);
  });

  it('leaves carbon wrappers and archive results to their own modules', () => {
    const { link, received } = setup();
    link.receive(`<message from='alice@example.org' type='chat'><body>wrapper text</body><received xmlns='urn:xmpp:carbons:2'/></message>`);
    link.receive(`<message from='alice@example.org'><body>wrapper text</body><result xmlns='urn:xmpp:mam:2' queryid='q' id='1'/></message>`);
    expect(received).toEqual([]);
  });

  it('does not let a throwing listener break the session', () => {
    const { link, messages, received, logged } = setup();
    messages.on('message', () => {
      throw new Error('ui bug');
    });
    expect(() => link.receive(`<message from='romeo@example.net/o' type='chat'><body>hi</body></message>`)).not.toThrow();
    expect(received).toHaveLength(1);
    expect(logged.some((l) => l.reason.includes('ui bug'))).toBe(true);
  });
});

describe('duplicates', () => {
  it.each([
    ['the same origin-id', `<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>`, `<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>`, 'id1', 'id2'],
    ['the same stanza-id from our server', `<stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='alice@example.org'/>`, `<stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='alice@example.org'/>`, 'id1', 'id2'],
    ['the same id (and text), with neither', '', '', 'id1', 'id1'],
  ])('shows a message once when it arrives twice with %s', (_label, extraA, extraB, idA, idB) => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat' id='${idA}'><body>hello</body>${extraA}</message>`);
    link.receive(`<message from='romeo@example.net/phone' type='chat' id='${idB}'><body>hello</body>${extraB}</message>`);
    expect(received).toHaveLength(1);
  });

  it('shows both when a client reuses an id for different text', () => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat' id='1'><body>first</body></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat' id='1'><body>second</body></message>`);
    expect(received.map((m) => m.body)).toEqual(['first', 'second']);
  });

  it('keeps conversations apart: another peer cannot hide a message by copying its origin-id', () => {
    const { link, received } = setup();
    link.receive(`<message from='mallory@evil.example/x' type='chat'><body>first!</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat'><body>real</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>`);
    expect(received.map((m) => m.peer)).toEqual(['mallory@evil.example', 'romeo@example.net']);
  });
});

describe('delivery receipts we send (XEP-0184)', () => {
  const request = (extra = '', type = 'chat', id = 'm1', from = 'romeo@example.net/orchard') =>
    `<message from='${from}' type='${type}' id='${id}'><body>hi</body><request xmlns='urn:xmpp:receipts'/>${extra}</message>`;

  it('answers a receipt request with only <received id=.../>, to the sending device, same type', async () => {
    const { link } = setup();
    link.receive(request());
    await settle();
    const ack = link.lastSent();
    expect(ack.attrs.to).toBe('romeo@example.net/orchard');
    expect(ack.attrs.type).toBe('chat');
    expect(ack.attrs.id).toBeTruthy();
    expect(ack.attrs.id).not.toBe('m1');
    expect(ack.getChildElements().map((e) => `${e.getNS()} ${e.name}`)).toEqual([`${RECEIPTS} received`]);
    expect(ack.getChild('received', RECEIPTS)?.attrs.id).toBe('m1');
  });

  it('does not answer those not allowed to see our presence', async () => {
    const { link } = setup({ mayAcknowledge: (peer) => peer === 'romeo@example.net' });
    link.receive(request('', 'chat', 'm1', 'stranger@example.net/x'));
    await settle();
    expect(link.sent).toEqual([]);
    link.receive(request());
    await settle();
    expect(link.sent).toHaveLength(1);
  });

  it('does not answer without a body, without an id, or for error and groupchat messages', async () => {
    const { link } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat' id='m1'><request xmlns='urn:xmpp:receipts'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat'><body>no id</body><request xmlns='urn:xmpp:receipts'/></message>`);
    link.receive(request('', 'groupchat'));
    link.receive(request(`<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>`, 'error'));
    await settle();
    expect(link.sent).toEqual([]);
  });

  it('answers a resent message again (our first receipt may be lost) but shows it once', async () => {
    const { link, received } = setup();
    link.receive(request(`<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>`));
    link.receive(request(`<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>`));
    await settle();
    expect(received).toHaveLength(1);
    expect(link.sent).toHaveLength(2);
  });

  it('never puts a receipt request in an ack', async () => {
    const { link } = setup();
    // A (broken) peer that acks and requests at once must not get an ack back: no loops.
    link.receive(`<message from='romeo@example.net/o' id='x'><received xmlns='urn:xmpp:receipts' id='nope'/><request xmlns='urn:xmpp:receipts'/></message>`);
    await settle();
    expect(link.sent).toEqual([]);
  });
});

describe('delivery receipts we get', () => {
  it('marks our message delivered when the peer acks its id, once', async () => {
    const { link, messages, updates } = setup();
    const sent = await messages.send('romeo@example.net', 'hello');
    const ack = `<message from='romeo@example.net/orchard' id='r1'><received xmlns='urn:xmpp:receipts' id='${sent.stanzaId}'/></message>`;
    link.receive(ack);
    link.receive(ack.replace('orchard', 'phone'));
    expect(updates).toEqual([{ accountId: ACCOUNT, id: sent.id, state: 'delivered', error: null }]);
  });

  it('ignores a receipt from anyone but the peer, and for ids we never sent', async () => {
    const { link, messages, updates, logged } = setup();
    const sent = await messages.send('romeo@example.net', 'hello');
    link.receive(`<message from='mallory@evil.example/x'><received xmlns='urn:xmpp:receipts' id='${sent.stanzaId}'/></message>`);
    link.receive(`<message from='romeo@example.net/o'><received xmlns='urn:xmpp:receipts' id='never-sent'/></message>`);
    link.receive(`<message from='romeo@example.net/o'><received xmlns='urn:xmpp:receipts'/></message>`);
    expect(updates).toEqual([]);
    expect(logged.filter((l) => l.reason.startsWith('receipt'))).toHaveLength(2);
  });
});

describe('error replies', () => {
  it('marks our message failed, in plain words, when the peer bounces it', async () => {
    const { link, messages, updates } = setup();
    const sent = await messages.send('romeo@example.net', 'hello');
    link.receive(`<message from='romeo@example.net' type='error' id='${sent.stanzaId}'>
      <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
    expect(updates).toEqual([{ accountId: ACCOUNT, id: sent.id, state: 'failed', error: 'The recipient does not accept this (or does not exist).' }]);
  });

  it("accepts the bounce from the peer's server or ours, and quotes the server's text", async () => {
    const { link, messages, updates } = setup();
    const a = await messages.send('romeo@example.net', 'one');
    const b = await messages.send('romeo@example.net', 'two');
    link.receive(`<message from='example.net' type='error' id='${a.stanzaId}'><error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
    link.receive(`<message from='example.org' type='error' id='${b.stanzaId}'><error type='wait'><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
      <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Too many messages &lt;slow down&gt;</text></error></message>`);
    expect(updates.map((u) => u.error)).toEqual([
      "The recipient's server could not be found.",
      'The server is too busy right now. The server said: "Too many messages <slow down>"',
    ]);
  });

  it('ignores error replies from third parties, for unknown ids, and after delivery', async () => {
    const { link, messages, updates } = setup();
    const sent = await messages.send('romeo@example.net', 'hello');
    const bounce = (from: string, id: string) =>
      `<message from='${from}' type='error' id='${id}'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`;
    link.receive(bounce('mallory@evil.example', sent.stanzaId ?? ''));
    link.receive(bounce('romeo@example.net', 'unknown'));
    expect(updates).toEqual([]);
    link.receive(`<message from='romeo@example.net/o'><received xmlns='urn:xmpp:receipts' id='${sent.stanzaId}'/></message>`);
    link.receive(bounce('romeo@example.net', sent.stanzaId ?? ''));
    expect(updates.map((u) => u.state)).toEqual(['delivered']);
  });

  it('does not mistake an unknown condition name for something else', async () => {
    const { link, messages, updates } = setup();
    const sent = await messages.send('romeo@example.net', 'hello');
    link.receive(`<message from='romeo@example.net' type='error' id='${sent.stanzaId}'><error type='cancel'><constructor xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
    expect(updates[0]?.error).toBe('The message could not be delivered.');
  });

  it('does not show an error reply as a message', () => {
    const { link, received } = setup();
    link.receive(`<message from='romeo@example.net' type='error' id='x'><body>echoed text</body><error type='cancel'><gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
    expect(received).toEqual([]);
  });
});

describe('chat states (XEP-0085)', () => {
  it('reports the peer composing, paused and active', () => {
    const { link, states, received } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat'><paused xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat'><body>hi</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    expect(states).toEqual([
      { peer: 'romeo@example.net', state: 'composing' },
      { peer: 'romeo@example.net', state: 'paused' },
      { peer: 'romeo@example.net', state: 'active' },
    ]);
    expect(received).toHaveLength(1);
  });

  it('ignores two chat states in one message, or an unknown one', () => {
    const { link, states } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/><gone xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat'><dancing xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    expect(states).toEqual([]);
  });

  it('sends standalone states only after the contact showed support, and never the same one twice in a row', async () => {
    const { link, messages } = setup();
    expect(await messages.sendChatState('romeo@example.net', 'composing')).toBe('not-supported');
    expect(link.sent).toEqual([]);

    link.receive(`<message from='romeo@example.net/o' type='chat'><body>hi</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    expect(await messages.sendChatState('romeo@example.net', 'composing')).toBe('sent');
    const stanza = link.lastSent();
    expect(stanza.attrs.to).toBe('romeo@example.net');
    expect(stanza.attrs.type).toBe('chat');
    // A standalone notification holds the state element and nothing else (§5.6).
    expect(stanza.getChildElements().map((e) => `${e.getNS()} ${e.name}`)).toEqual([`${CHAT_STATES} composing`]);

    expect(await messages.sendChatState('romeo@example.net', 'composing')).toBe('repeated');
    expect(await messages.sendChatState('romeo@example.net', 'paused')).toBe('sent');
    await messages.send('romeo@example.net', 'done'); // carries <active/>
    expect(await messages.sendChatState('romeo@example.net', 'active')).toBe('repeated');
    expect(link.sent).toHaveLength(3);
  });

  it('stops sending states when the contact replies without any', async () => {
    const { link, messages } = setup();
    link.receive(`<message from='romeo@example.net/o' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    link.receive(`<message from='romeo@example.net/o' type='chat'><body>sent from an old client</body></message>`);
    expect(await messages.sendChatState('romeo@example.net', 'composing')).toBe('not-supported');
  });
});

describe('watching a message composed elsewhere', () => {
  it('expects receipts for a message restored from the outgoing queue', () => {
    const { link, messages, updates } = setup();
    const restored: ChatMessage = {
      id: 'queued-1', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'out', body: 'from yesterday', at: NOW,
      state: 'queued', stanzaId: 'queued-1', originId: 'queued-1', archiveId: null, carbon: false, error: null,
    };
    messages.watch(restored);
    link.receive(`<message from='romeo@example.net/o'><received xmlns='urn:xmpp:receipts' id='queued-1'/></message>`);
    expect(updates).toEqual([{ accountId: ACCOUNT, id: 'queued-1', state: 'delivered', error: null }]);
    // A resend is the same stanza: same id, same origin-id.
    const first = messages.stanzaFor(restored);
    const again = messages.stanzaFor(restored);
    expect(first.toString()).toBe(again.toString());
    expect(parseStanza(first.toString()).getChild('origin-id', SID)?.attrs.id).toBe('queued-1');
  });
});
