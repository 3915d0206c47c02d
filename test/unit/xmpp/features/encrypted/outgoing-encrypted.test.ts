/**
 * issue 15: OMEMO. Our encrypted chat stanza (outgoing-message.ts), the stanza builder that encrypts at send time
 * (outgoing-stanza.ts), and the outgoing queue with a stanza that takes time to build or cannot be built.
 */
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../../app/domain/chat.js';
import type { FeatureLogEntry } from '../../../../../main/xmpp/features/feature-deps.js';
import type { MessageUpdate } from '../../../../../main/xmpp/features/messages.js';
import { chatStanza, composeChatMessage, encryptedChatStanza, encryptedPlaintext } from '../../../../../main/xmpp/features/outgoing-message.js';
import { createOutgoingQueue } from '../../../../../main/xmpp/features/outgoing-queue.js';
import { OutgoingRefusal, refusal } from '../../../../../main/xmpp/features/outgoing-refusal.js';
import { createStanzaFor, type EncryptFor } from '../../../../../main/xmpp/features/outgoing-stanza.js';
import { counterIds, FakeLink, fixedClock, onTheWire } from '../fake-link.js';
import { deferred, nextTurn, OMEMO_FALLBACK_BODY, sealed } from './encrypted-stanzas.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const ROMEO = 'romeo@example.net';
const OMEMO_NS = 'eu.siacs.conversations.axolotl';
const QUOTE = '> Romeo wrote:\n> Shall I hear more?\n';

function composer() {
  const deps = { accountId: ACCOUNT, now: fixedClock().now, ids: counterIds('msg') };
  return (body: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
    ...composeChatMessage(deps, ROMEO, body),
    encryption: { kind: 'omemo', device: null },
    ...extra,
  });
}

/** The stand-in encryption: records what it was asked and seals the text with a counter in the IV (a new ratchet step each time). */
function fakeEncrypt() {
  const asked: Array<{ peer: string; plaintext: string }> = [];
  const encrypt: EncryptFor = async (peer, plaintext) => {
    asked.push({ peer, plaintext });
    const message = sealed(plaintext);
    return { ...message, iv: new Uint8Array(12).fill(asked.length) };
  };
  return { encrypt, asked };
}

const payloadOf = (stanza: Element | undefined) => stanza?.getChild('encrypted', OMEMO_NS)?.getChildText('payload', OMEMO_NS) ?? null;
const ivOf = (stanza: Element | undefined) => stanza?.getChild('encrypted', OMEMO_NS)?.getChild('header', OMEMO_NS)?.getChildText('iv', OMEMO_NS) ?? null;
const textIn = (stanza: Element | undefined) => (payloadOf(stanza) === null ? null : Buffer.from(payloadOf(stanza) ?? '', 'base64').toString('utf8'));

describe('the encrypted chat stanza', () => {
  it('carries the ids, receipt request, chat state, marker, the encrypted element and its hints, and no text of the message', () => {
    const compose = composer();
    const message = compose('Wherefore art thou?');
    const stanza = onTheWire(encryptedChatStanza(message, sealed('Wherefore art thou?')));
    expect(stanza.attrs).toEqual({ to: ROMEO, type: 'chat', id: message.stanzaId });
    expect(stanza.getChildElements().map((child) => `${child.getNS()} ${child.getName()}`)).toEqual([
      `${OMEMO_NS} encrypted`,
      'urn:xmpp:hints store',
      'urn:xmpp:eme:0 encryption',
      'jabber:client body',
      'urn:xmpp:sid:0 origin-id',
      'urn:xmpp:receipts request',
      'http://jabber.org/protocol/chatstates active',
      'urn:xmpp:chat-markers:0 markable',
    ]);
    expect(stanza.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe(message.stanzaId);
    expect(stanza.getChildText('body')).toBe(OMEMO_FALLBACK_BODY);
    expect(stanza.toString()).not.toContain('Wherefore');
  });

  it('seals a reply with its quote; only the <reply> ids and the quote\'s range stay outside', () => {
    const compose = composer();
    const message = compose('Yes, and more.', { replyTo: { id: 'orig-7', to: ROMEO, fallback: QUOTE } });
    expect(encryptedPlaintext(message)).toBe(`${QUOTE}Yes, and more.`);
    const stanza = encryptedChatStanza(message, sealed(encryptedPlaintext(message)));
    expect(stanza.getChild('reply', 'urn:xmpp:reply:0')?.attrs).toEqual({ xmlns: 'urn:xmpp:reply:0', id: 'orig-7', to: ROMEO });
    // The range (XEP-0428) over the decrypted text, so a receiver leaves the quote out: its length only.
    const range = stanza.getChild('fallback', 'urn:xmpp:fallback:0');
    expect(range?.attrs.for).toBe('urn:xmpp:reply:0');
    expect(range?.getChild('body', 'urn:xmpp:fallback:0')?.attrs).toMatchObject({ start: '0', end: String([...QUOTE].length) });
    expect(stanza.toString()).not.toContain('Shall I hear');
    expect(stanza.toString()).not.toContain('Yes, and more');
  });

  it('refuses a shared file’s link rather than sending it, in the clear or sealed', () => {
    const compose = composer();
    const link = 'https://upload.example.org/a/cat.png';
    const message = compose(link, { oobUrl: link });
    expect(() => encryptedPlaintext(message)).toThrow(OutgoingRefusal);
    expect(() => encryptedChatStanza(message, sealed(link))).toThrow(expect.objectContaining({ kind: 'file-not-encrypted' }));
  });

  it('seals an encrypted file’s aesgcm link as the whole text, with no XEP-0066 element beside it (issue 15)', () => {
    const compose = composer();
    const link = `aesgcm://upload.example.org/a/cat.png#${'a1'.repeat(12)}${'0f'.repeat(32)}`;
    const message = compose(link, { oobUrl: link });
    expect(encryptedPlaintext(message)).toBe(link);
    const stanza = encryptedChatStanza(message, sealed(link));
    expect(stanza.getChild('x', 'jabber:x:oob')).toBeUndefined();
    expect(stanza.toString()).not.toContain('upload.example.org');
    // Never as a plaintext shared file, whoever asks: its fragment is the file's key.
    const { encryption: _plain, ...plain } = message;
    expect(() => chatStanza(plain)).toThrow(expect.objectContaining({ kind: 'not-set-up' }));
    // A link that is not the whole text is not an encrypted file.
    expect(() => encryptedPlaintext(compose(`see ${link}`, { oobUrl: link }))).toThrow(expect.objectContaining({ kind: 'file-not-encrypted' }));
  });

  it('is never replaced by the plaintext stanza: chatStanza refuses a message written encrypted', () => {
    const compose = composer();
    expect(() => chatStanza(compose('secret'))).toThrow(expect.objectContaining({ kind: 'not-set-up' }));
  });
});

describe('building the stanza at send time', () => {
  it('builds a plaintext message at once, and encrypts one written encrypted with its quote, for its peer', async () => {
    const { encrypt, asked } = fakeEncrypt();
    const stanzaFor = createStanzaFor(encrypt);
    const compose = composer();
    const { encryption: _plain, ...plain } = compose('in the clear');
    expect(stanzaFor(plain)).not.toBeInstanceOf(Promise);
    const stanza = await stanzaFor(compose('sealed', { replyTo: { id: 'o', to: ROMEO, fallback: QUOTE } }));
    expect(asked).toEqual([{ peer: ROMEO, plaintext: `${QUOTE}sealed` }]);
    expect(textIn(stanza)).toBe(`${QUOTE}sealed`);
  });

  it('turns an encryption failure into a refusal in plain words, and keeps a refusal the encryption chose', async () => {
    const compose = composer();
    await expect(createStanzaFor(async () => Promise.reject(new Error('SessionCipher: bad MAC')))(compose('x'))).rejects.toMatchObject({
      kind: 'encryption-failed',
      message: 'This message could not be encrypted for this contact, so it was not sent.',
    });
    await expect(createStanzaFor(async () => Promise.reject(refusal('keys-unreachable')))(compose('x'))).rejects.toMatchObject({ kind: 'keys-unreachable' });
    await expect(Promise.resolve().then(() => createStanzaFor(null)(compose('x')))).rejects.toMatchObject({ kind: 'not-set-up' });
  });
});

describe('the outgoing queue with encrypted messages', () => {
  function setup(stanzaFor?: Parameters<typeof createOutgoingQueue>[0]['stanzaFor']) {
    const logged: FeatureLogEntry[] = [];
    const queue = createOutgoingQueue({ accountId: ACCOUNT, log: (e) => logged.push(e), ...(stanzaFor === undefined ? {} : { stanzaFor }) });
    const updates: MessageUpdate[] = [];
    queue.on('updated', (u) => updates.push(u));
    return { queue, updates, logged, compose: composer() };
  }

  it('sends encrypted messages in the order written, each once, however slow the first encryption', async () => {
    const gates = new Map<string, ReturnType<typeof deferred<void>>>();
    const asked: string[] = [];
    const { queue, compose, updates } = setup(
      createStanzaFor(async (_peer, plaintext) => {
        asked.push(plaintext);
        await gates.get(plaintext)?.promise;
        return sealed(plaintext);
      }),
    );
    gates.set('one', deferred<void>());
    const messages = [compose('one'), compose('two'), compose('three')];
    for (const m of messages) queue.enqueue(m);
    const link = new FakeLink();
    const going = queue.online(link, { acknowledgements: false });
    queue.enqueue(messages[1] as ChatMessage); // again: still once
    await nextTurn();
    expect(asked).toEqual(['one']);
    expect(link.sent).toEqual([]);
    gates.get('one')?.resolve();
    await going;
    expect(link.sent.map(textIn)).toEqual(['one', 'two', 'three']);
    expect(link.sent.map((s) => s.attrs.id)).toEqual(messages.map((m) => m.stanzaId));
    expect(updates.map((u) => [u.id, u.state])).toEqual(messages.map((m) => [m.id, 'sent']));
  });

  it('fails a message whose encryption is refused, with the words, sends nothing of it, and goes on with the next', async () => {
    const { queue, compose, updates } = setup(
      createStanzaFor(async (_peer, plaintext) => {
        if (plaintext === 'doomed') throw new Error('no device of romeo could be reached');
        return sealed(plaintext);
      }),
    );
    const doomed = compose('doomed');
    const next = compose('next');
    queue.enqueue(doomed);
    queue.enqueue(next);
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: false });
    expect(updates).toEqual([
      { accountId: ACCOUNT, id: doomed.id, state: 'failed', error: 'This message could not be encrypted for this contact, so it was not sent.' },
      { accountId: ACCOUNT, id: next.id, state: 'sent', error: null },
    ]);
    expect(link.sent.map(textIn)).toEqual(['next']);
    expect(link.sent.map((s) => s.toString()).join('')).not.toContain('doomed');
    expect(queue.pending()).toEqual([]);
  });

  it('fails, and never sends in plaintext, a message written encrypted when the queue has no encryption', async () => {
    const { queue, compose, updates } = setup();
    const message = compose('secret');
    queue.enqueue(message);
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: false });
    expect(link.sent).toEqual([]);
    expect(updates).toEqual([{ accountId: ACCOUNT, id: message.id, state: 'failed', error: expect.stringContaining('encryption is not set up') }]);
  });

  it('encrypts a resend again after a reconnect: same ids, a new encryption', async () => {
    const { encrypt, asked } = fakeEncrypt();
    const { queue, compose } = setup(createStanzaFor(encrypt));
    const message = compose('once more');
    queue.enqueue(message);
    const first = new FakeLink();
    await queue.online(first, { acknowledgements: true });
    queue.offline();
    queue.markUnacked([message.stanzaId ?? '']);
    const second = new FakeLink();
    await queue.online(second, { acknowledgements: true });
    expect(asked.map((a) => a.plaintext)).toEqual(['once more', 'once more']);
    expect(second.sent[0]?.attrs.id).toBe(first.sent[0]?.attrs.id);
    expect(second.sent[0]?.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe(message.stanzaId);
    expect(ivOf(second.sent[0])).not.toBe(ivOf(first.sent[0]));
    queue.markSent(message.stanzaId ?? '');
    expect(queue.pending()).toEqual([]);
  });

  it('sends nothing to a stream that went away during the encryption, and encrypts again for the next one', async () => {
    const gate = deferred<void>();
    let calls = 0;
    const { queue, compose } = setup(
      createStanzaFor(async (_peer, plaintext) => {
        calls += 1;
        if (calls === 1) await gate.promise;
        return sealed(plaintext);
      }),
    );
    queue.enqueue(compose('patient'));
    const gone = new FakeLink();
    const going = queue.online(gone, { acknowledgements: true });
    await nextTurn();
    queue.offline();
    gate.resolve();
    await going;
    expect(gone.sent).toEqual([]);
    const next = new FakeLink();
    await queue.online(next, { acknowledgements: true });
    expect(next.sent.map(textIn)).toEqual(['patient']);
    expect(calls).toBe(2);
  });

  it('keeps a message whose keys could not be fetched, first in line, and sends it when the queue runs again', async () => {
    let reachable = false;
    const { queue, compose, updates, logged } = setup(
      createStanzaFor(async (_peer, plaintext) => {
        if (!reachable) throw refusal('keys-unreachable');
        return sealed(plaintext);
      }),
    );
    const kept = compose('kept');
    queue.enqueue(kept);
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: false });
    expect(link.sent).toEqual([]);
    expect(updates).toEqual([]);
    expect(queue.pending()).toEqual([kept]);
    expect(logged.map((e) => e.reason)).toEqual([expect.stringContaining('keys could not be fetched')]);
    reachable = true;
    queue.enqueue(compose('later'));
    await nextTurn();
    expect(link.sent.map(textIn)).toEqual(['kept', 'later']);
  });
});
