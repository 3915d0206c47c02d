/**
 * issue 15: OMEMO. Our own changes and replies never carry an encrypted message's text in plaintext: a correction
 * of one is sent encrypted or refused with a typed kind and words, retractions and reactions go in the clear (as
 * every OMEMO client sends them), and a reply quotes an encrypted original only when it is itself sealed.
 */
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { AccountOmemoError } from '../../../main/services/omemo/account-omemo-error.js';
import { CorrectionRefusal } from '../../../main/services/encrypted-correction.js';
import { createMessageChanges } from '../../../main/services/message-changes-service.js';
import { OutgoingRefusal } from '../../../main/xmpp/features/outgoing-refusal.js';
import type { EncryptFor } from '../../../main/xmpp/features/outgoing-stanza.js';
import { sealed } from '../xmpp/features/encrypted/encrypted-stanzas.js';

const BOB = 'bob@example.org';
const OMEMO_NS = 'eu.siacs.conversations.axolotl';
const NEW_TEXT = 'the new secret';

const message = (over: Partial<ChatMessage>): ChatMessage => ({
  id: 'local-1',
  accountId: 'acc' as ChatMessage['accountId'],
  peer: BOB,
  direction: 'out',
  body: 'the secret plan',
  at: '2026-12-01T10:00:00.000Z',
  state: 'sent',
  stanzaId: 's1',
  originId: 's1',
  archiveId: null,
  carbon: false,
  error: null,
  ...over,
});

/** The stand-in encryption: records what it was asked and "seals" the text reversed, so the text itself is not in it. */
function standInEncrypt() {
  const asked: Array<{ peer: string; plaintext: string }> = [];
  const encrypt: EncryptFor = async (peer, plaintext) => {
    asked.push({ peer, plaintext });
    return sealed([...plaintext].reverse().join(''));
  };
  return { encrypt, asked };
}

function setup(stored: ChatMessage, encryptFor: EncryptFor | null = standInEncrypt().encrypt) {
  const sent: Element[] = [];
  const saved: ChatMessage[] = [];
  const emitted: ChatMessage[] = [];
  const changes = createMessageChanges({
    ownJid: 'alice@example.org',
    store: { byRef: () => stored, byId: (id) => (id === stored.id ? stored : null), saveChanges: (m) => void saved.push(m) },
    emit: (_event, payload) => void emitted.push(payload),
    record: () => undefined,
    send: async (stanza) => void sent.push(stanza),
    ids: () => 'change-1',
    now: () => new Date('2026-12-01T11:00:00.000Z'),
    log: () => undefined,
    encryptFor,
  });
  return { changes, sent, saved, emitted };
}

async function refusalOf(promise: Promise<unknown>): Promise<CorrectionRefusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CorrectionRefusal)) throw new Error(`expected a CorrectionRefusal, got ${String(error)}`);
  return error;
}

const ENCRYPTED = { encryption: { kind: 'omemo', device: null } } as const;

describe('a correction of an encrypted message', () => {
  it('is sent encrypted: the replace in the clear, the new text only sealed, applied locally as an encrypted correction', async () => {
    const { encrypt, asked } = standInEncrypt();
    const { changes, sent, saved, emitted } = setup(message(ENCRYPTED), encrypt);
    const changed = await changes.change(BOB, 'local-1', { kind: 'correct', body: NEW_TEXT });

    expect(asked).toEqual([{ peer: BOB, plaintext: NEW_TEXT }]);
    expect(sent).toHaveLength(1);
    const stanza = sent[0]!;
    expect(stanza.toString()).not.toContain(NEW_TEXT);
    expect(stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe('s1');
    const payload = stanza.getChild('encrypted', OMEMO_NS)?.getChildText('payload', OMEMO_NS) ?? '';
    expect(Buffer.from(payload, 'base64').toString('utf8')).toBe([...NEW_TEXT].reverse().join(''));

    // Applied by message-change-rules.ts, which takes a correction of an encrypted message only when it was encrypted.
    expect(changed.body).toBe(NEW_TEXT);
    expect(changed.encryption).toEqual({ kind: 'omemo', device: null });
    expect(changed.changes?.earlier).toEqual([{ body: 'the secret plan', replacedAt: '2026-12-01T11:00:00.000Z', by: 'change-1' }]);
    expect(saved).toEqual([changed]);
    expect(emitted).toEqual([changed]);
  });

  it('is refused in words, sending nothing, when the account has no OMEMO', async () => {
    const { changes, sent, saved } = setup(message(ENCRYPTED), null);
    const refusal = await refusalOf(changes.change(BOB, 'local-1', { kind: 'correct', body: NEW_TEXT }));
    expect(refusal.kind).toBe('not-set-up');
    expect(refusal.message).toMatch(/encryption is not set up .* the correction was not sent/);
    expect(sent).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('is refused with the encryption’s reason when the encryption refuses, sending nothing', async () => {
    const cause = new AccountOmemoError('no-device-reached', 'No device of bob@example.org could be encrypted to.');
    const failing: EncryptFor = () => Promise.reject(new OutgoingRefusal('encryption-failed', 'This message could not be encrypted…', { cause }));
    const { changes, sent, saved } = setup(message(ENCRYPTED), failing);
    const refusal = await refusalOf(changes.change(BOB, 'local-1', { kind: 'correct', body: NEW_TEXT }));
    expect(refusal.kind).toBe('encryption-failed');
    expect(refusal.message).toBe('The correction could not be encrypted, so it was not sent: No device of bob@example.org could be encrypted to.');
    expect(sent).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('is refused (not kept for later) when the contact’s keys cannot be fetched now', async () => {
    const unreachable: EncryptFor = () => Promise.reject(new OutgoingRefusal('keys-unreachable', 'will be tried again'));
    const { changes, sent } = setup(message(ENCRYPTED), unreachable);
    const refusal = await refusalOf(changes.change(BOB, 'local-1', { kind: 'correct', body: NEW_TEXT }));
    expect(refusal.kind).toBe('keys-unreachable');
    expect(refusal.message).toMatch(/Try again/);
    expect(sent).toEqual([]);
  });

  it('is refused for a message that could not be decrypted here, without asking the encryption', async () => {
    const { encrypt, asked } = standInEncrypt();
    const { changes, sent } = setup(message({ encryption: { kind: 'undecryptable', reason: 'not-for-this-device', device: 7 } }), encrypt);
    expect((await refusalOf(changes.change(BOB, 'local-1', { kind: 'correct', body: NEW_TEXT }))).kind).toBe('undecryptable');
    expect(asked).toEqual([]);
    expect(sent).toEqual([]);
  });
});

describe('other changes in an encrypted conversation', () => {
  it('corrects a plaintext message in plaintext, without the encryption', async () => {
    const { encrypt, asked } = standInEncrypt();
    const { changes, sent } = setup(message({}), encrypt);
    const changed = await changes.change(BOB, 'local-1', { kind: 'correct', body: 'fixed' });
    expect(asked).toEqual([]);
    expect(sent[0]?.getChildText('body')).toBe('fixed');
    expect(sent[0]?.getChild('encrypted', OMEMO_NS)).toBeUndefined();
    expect(changed.encryption).toBeUndefined();
  });

  it('retracts and reacts to an encrypted message in the clear, as the OMEMO clients do (no text goes with either)', async () => {
    const { encrypt, asked } = standInEncrypt();
    const { changes, sent } = setup(message(ENCRYPTED), encrypt);
    await changes.change(BOB, 'local-1', { kind: 'react', emojis: ['👍'] });
    await changes.change(BOB, 'local-1', { kind: 'retract' });
    expect(asked).toEqual([]);
    expect(sent.map((s) => s.getChild('encrypted', OMEMO_NS))).toEqual([undefined, undefined]);
    expect(sent.map((s) => s.toString()).join('')).not.toContain('secret');
  });

  it('quotes an encrypted original only in a reply that is itself sent encrypted', () => {
    const { changes } = setup(message({ direction: 'in', encryption: { kind: 'omemo', device: 5 } }));
    expect(changes.replyTarget(BOB, 'local-1')).toEqual({ id: 's1', to: BOB, fallback: null });
    expect(changes.replyTarget(BOB, 'local-1', true).fallback).toContain('> the secret plan');
  });

  it('quotes a plaintext original as before', () => {
    const { changes } = setup(message({ direction: 'in' }));
    expect(changes.replyTarget(BOB, 'local-1').fallback).toBe(`> ${BOB} wrote:\n> the secret plan\n`);
  });
});
