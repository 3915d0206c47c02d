/**
 * issue 15: OMEMO. Encrypted messages on the live path (messages.ts) and as carbons (carbons.ts): opened with the
 * injected OpenEncrypted, in the order they arrived; not readable: listed as such with an empty body, never the
 * fallback text.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../../app/domain/chat.js';
import { createCarbons } from '../../../../../main/xmpp/features/carbons.js';
import { createDedupe } from '../../../../../main/xmpp/features/dedupe.js';
import type { Opened, OpenEncrypted } from '../../../../../main/xmpp/features/encrypted-part.js';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import { createMessages } from '../../../../../main/xmpp/features/messages.js';
import type { IncomingChange } from '../../../../../main/xmpp/features/message-changes/incoming-change.js';
import { counterIds, FakeLink, fixedClock } from '../fake-link.js';
import { deferred, encryptedChildren, fakeOpener, nextTurn, OMEMO_FALLBACK_BODY, SENDER_DEVICE } from './encrypted-stanzas.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const NOW = '2024-05-01T12:00:00.000Z';

function setup(openEncrypted?: OpenEncrypted) {
  const link = new FakeLink('alice@example.org/desk');
  const logged: FeatureLogEntry[] = [];
  const log = (e: FeatureLogEntry) => logged.push(e);
  const messages = createMessages({
    link,
    accountId: ACCOUNT,
    now: fixedClock(NOW).now,
    ids: counterIds('local'),
    log,
    dedupe: createDedupe(),
    mayAcknowledge: () => true,
    ...(openEncrypted === undefined ? {} : { openEncrypted }),
  });
  const carbons = createCarbons({ link, log, messages });
  const received: ChatMessage[] = [];
  const changes: IncomingChange[] = [];
  messages.on('message', (m) => received.push(m));
  messages.on('change', (c) => changes.push(c));
  return { link, messages, carbons, logged, received, changes };
}

const fromRomeo = (children: string, id = 'r1') =>
  `<message xmlns='jabber:client' from='romeo@example.net/orchard' to='alice@example.org/desk' type='chat' id='${id}'>${children}</message>`;

describe('an encrypted message arriving live', () => {
  it('is listed with its decrypted text, marked OMEMO with the sending device', async () => {
    const opener = fakeOpener();
    const { link, received } = setup(opener.open);
    link.receive(fromRomeo(`${encryptedChildren('But soft!')}<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>`));
    await nextTurn();
    expect(opener.calls).toEqual([{ from: 'romeo@example.net/orchard', sid: SENDER_DEVICE, text: 'But soft!' }]);
    expect(received).toEqual([
      {
        id: 'local-1', accountId: ACCOUNT, peer: 'romeo@example.net', direction: 'in', body: 'But soft!', at: NOW, state: 'received',
        stanzaId: 'r1', originId: 'o1', archiveId: null, carbon: false, error: null, encryption: { kind: 'omemo', device: SENDER_DEVICE },
      },
    ]);
  });

  it('is listed as not readable, with an empty body, when no OMEMO is set up', async () => {
    const { link, received } = setup();
    link.receive(fromRomeo(encryptedChildren('But soft!')));
    await nextTurn();
    expect(received.map((m) => [m.body, m.encryption])).toEqual([['', { kind: 'undecryptable', reason: 'not-set-up', device: SENDER_DEVICE }]]);
    expect(JSON.stringify(received)).not.toContain(OMEMO_FALLBACK_BODY);
  });

  it('carries the typed reason the opener gives, and counts a rejection as bad-message', async () => {
    let answer: Opened | Error = { ok: false, reason: 'not-for-this-device' };
    const { link, received } = setup(async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    });
    link.receive(fromRomeo(encryptedChildren('one'), 'a'));
    await nextTurn();
    answer = new Error('library bug');
    link.receive(fromRomeo(encryptedChildren('two'), 'b'));
    await nextTurn();
    expect(received.map((m) => [m.body, m.encryption])).toEqual([
      ['', { kind: 'undecryptable', reason: 'not-for-this-device', device: SENDER_DEVICE }],
      ['', { kind: 'undecryptable', reason: 'bad-message', device: SENDER_DEVICE }],
    ]);
  });

  it('is listed as malformed when the wire parser refuses its <encrypted>, and the opener is not asked', async () => {
    const opener = fakeOpener();
    const { link, received, logged } = setup(opener.open);
    link.receive(fromRomeo(`<encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'/></encrypted><body>${OMEMO_FALLBACK_BODY}</body>`));
    await nextTurn();
    expect(opener.calls).toEqual([]);
    expect(received.map((m) => [m.body, m.encryption])).toEqual([['', { kind: 'undecryptable', reason: 'malformed', device: null }]]);
    expect(logged.map((e) => e.reason)).toEqual(['encrypted message refused: missing-element at iv']);
  });

  it('opens a key-transport message (it sets up the session) but lists nothing', async () => {
    const opener = fakeOpener();
    const { link, received } = setup(opener.open);
    link.receive(fromRomeo(encryptedChildren(null)));
    await nextTurn();
    expect(opener.calls).toEqual([{ from: 'romeo@example.net/orchard', sid: SENDER_DEVICE, text: null }]);
    expect(received).toEqual([]);
  });

  it('keeps the order messages arrived in while one is slow to decrypt, plaintext ones included', async () => {
    const slow = deferred<Opened>();
    const opener = fakeOpener((text) => (text === 'first' ? slow.promise : null));
    const { link, received } = setup(opener.open);
    link.receive(fromRomeo(encryptedChildren('first'), 'a'));
    link.receive(fromRomeo(`<body>second, in plaintext</body>`, 'b'));
    link.receive(fromRomeo(encryptedChildren('third'), 'c'));
    await nextTurn();
    // Every one was given to the opener as it came; none is listed before the first.
    expect(opener.calls.map((c) => c.text)).toEqual(['first', 'third']);
    expect(received).toEqual([]);
    slow.resolve({ ok: true, body: 'first' });
    await nextTurn();
    expect(received.map((m) => [m.stanzaId, m.body, m.encryption?.kind ?? 'plain'])).toEqual([
      ['a', 'first', 'omemo'],
      ['b', 'second, in plaintext', 'plain'],
      ['c', 'third', 'omemo'],
    ]);
  });

  it('answers the receipt request once it is read, and sends nothing of the text back', async () => {
    const { link } = setup(fakeOpener().open);
    link.receive(fromRomeo(`${encryptedChildren('ack me')}<request xmlns='urn:xmpp:receipts'/>`, 'r9'));
    await nextTurn();
    expect(link.sent.map((s) => s.toString())).toEqual([expect.stringContaining(`<received xmlns="urn:xmpp:receipts" id="r9"/>`)]);
    expect(link.sent.map((s) => s.toString()).join('')).not.toContain('ack me');
  });

  it('applies a decrypted correction as a change, with the decrypted text', async () => {
    const { link, received, changes } = setup(fakeOpener().open);
    link.receive(fromRomeo(`${encryptedChildren('fixed')}<replace xmlns='urn:xmpp:message-correct:0' id='orig'/>`));
    await nextTurn();
    expect(received).toEqual([]);
    expect(changes.map((c) => [c.change, c.message.encryption])).toEqual([[{ kind: 'correction', ref: 'orig', body: 'fixed' }, { kind: 'omemo', device: SENDER_DEVICE }]]);
  });

  it('lists nothing that finished decrypting after the features were disposed', async () => {
    const slow = deferred<Opened>();
    const { link, messages, received } = setup(fakeOpener(() => slow.promise).open);
    link.receive(fromRomeo(encryptedChildren('late')));
    messages.dispose();
    slow.resolve({ ok: true, body: 'late' });
    await nextTurn();
    expect(received).toEqual([]);
  });
});

describe('encrypted carbons', () => {
  const carbon = (kind: 'received' | 'sent', inner: string) =>
    `<message from='alice@example.org' to='alice@example.org/desk' type='chat'><${kind} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></${kind}></message>`;

  it('opens a sent carbon from our other device, as ours to the contact', async () => {
    const opener = fakeOpener();
    const { link, received } = setup(opener.open);
    link.receive(
      carbon('sent', `<message xmlns='jabber:client' from='alice@example.org/phone' to='romeo@example.net' type='chat' id='s1'>${encryptedChildren('from my phone', 4242)}</message>`),
    );
    await nextTurn();
    expect(opener.calls).toEqual([{ from: 'alice@example.org/phone', sid: 4242, text: 'from my phone' }]);
    expect(received.map((m) => [m.direction, m.peer, m.body, m.carbon, m.encryption])).toEqual([['out', 'romeo@example.net', 'from my phone', true, { kind: 'omemo', device: 4242 }]]);
  });

  it('lists a received carbon that cannot be opened as not readable, never its fallback', async () => {
    const { link, received } = setup(async () => ({ ok: false, reason: 'no-session' }));
    link.receive(carbon('received', fromRomeo(encryptedChildren('hidden'))));
    await nextTurn();
    expect(received.map((m) => [m.body, m.carbon, m.encryption])).toEqual([['', true, { kind: 'undecryptable', reason: 'no-session', device: SENDER_DEVICE }]]);
  });
});
