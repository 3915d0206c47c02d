import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { applyChange, MAX_EARLIER_VERSIONS } from '../../../main/services/message-change-rules.js';
import type { IncomingChange } from '../../../main/xmpp/features/message-changes/incoming-change.js';
import type { ChangePart } from '../../../main/xmpp/features/message-changes/read-changes.js';

const OWN = 'alice@example.org';
const BOB = 'bob@example.org';

const message = (over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'local-1',
  accountId: 'acc' as ChatMessage['accountId'],
  peer: BOB,
  direction: 'in',
  body: 'original',
  at: '2026-12-01T10:00:00.000Z',
  state: 'received',
  stanzaId: 's1',
  originId: 's1',
  archiveId: null,
  carbon: false,
  error: null,
  ...over,
});

const incoming = (change: ChangePart, over: Partial<ChatMessage> = {}): IncomingChange => ({
  change,
  message: message({ id: 'local-2', stanzaId: 'c1', originId: 'c1', at: '2026-12-01T10:05:00.000Z', body: change.kind === 'correction' ? change.body : '', ...over }),
});

describe('applying a message change', () => {
  it('a correction from the sender replaces the text and keeps the earlier one; the same correction again changes nothing', () => {
    const outcome = applyChange(message(), incoming({ kind: 'correction', ref: 's1', body: 'fixed' }), OWN);
    expect(outcome).toEqual({
      kind: 'changed',
      message: { ...message(), body: 'fixed', changes: { earlier: [{ body: 'original', replacedAt: '2026-12-01T10:05:00.000Z', by: 'c1' }], retracted: false, reactions: [] } },
    });
    if (outcome.kind !== 'changed') return;
    expect(applyChange(outcome.message, incoming({ kind: 'correction', ref: 's1', body: 'fixed again' }), OWN).kind).toBe('unchanged');
  });

  it('refuses a correction or retraction from the other side of the conversation', () => {
    const ours = message({ direction: 'out', state: 'sent' });
    expect(applyChange(ours, incoming({ kind: 'correction', ref: 's1', body: 'not yours' }), OWN).kind).toBe('refused');
    expect(applyChange(ours, incoming({ kind: 'retraction', ref: 's1' }), OWN).kind).toBe('refused');
    // Nor from another conversation.
    expect(applyChange(message(), incoming({ kind: 'retraction', ref: 's1' }, { peer: 'eve@example.org' }), OWN).kind).toBe('refused');
  });

  it('a retraction removes the text and the earlier versions, and nothing changes a removed message', () => {
    const outcome = applyChange(message(), incoming({ kind: 'retraction', ref: 's1' }), OWN);
    expect(outcome).toMatchObject({ kind: 'changed', message: { body: '', changes: { retracted: true, earlier: [] } } });
    if (outcome.kind !== 'changed') return;
    expect(applyChange(outcome.message, incoming({ kind: 'correction', ref: 's1', body: 'back' }), OWN).kind).toBe('unchanged');
  });

  it("reactions: each sender's latest set replaces their earlier one; an empty set takes them back", () => {
    const first = applyChange(message(), incoming({ kind: 'reactions', ref: 's1', emojis: ['👍'] }), OWN);
    if (first.kind !== 'changed') throw new Error('expected a change');
    const mine = applyChange(first.message, incoming({ kind: 'reactions', ref: 's1', emojis: ['❤️'] }, { direction: 'out' }), OWN);
    if (mine.kind !== 'changed') throw new Error('expected a change');
    expect(mine.message.changes?.reactions).toEqual([
      { sender: BOB, emojis: ['👍'] },
      { sender: OWN, emojis: ['❤️'] },
    ]);
    const back = applyChange(mine.message, incoming({ kind: 'reactions', ref: 's1', emojis: [] }), OWN);
    expect(back).toMatchObject({ kind: 'changed', message: { changes: { reactions: [{ sender: OWN, emojis: ['❤️'] }] } } });
    expect(applyChange(mine.message, incoming({ kind: 'reactions', ref: 's1', emojis: ['❤️'] }, { direction: 'out' }), OWN).kind).toBe('unchanged');
  });

  it('keeps a bounded number of earlier versions', () => {
    let current = message();
    for (let i = 0; i < MAX_EARLIER_VERSIONS + 5; i += 1) {
      const outcome = applyChange(current, incoming({ kind: 'correction', ref: 's1', body: `v${i}` }, { stanzaId: `c${i}` }), OWN);
      if (outcome.kind === 'changed') current = outcome.message;
    }
    expect(current.changes?.earlier).toHaveLength(MAX_EARLIER_VERSIONS);
    expect(current.body).toBe(`v${MAX_EARLIER_VERSIONS + 4}`);
  });
});

// issue 15: OMEMO
describe('changes of encrypted messages', () => {
  const omemo = { kind: 'omemo', device: 7 } as const;
  const fix = { kind: 'correction', ref: 's1', body: 'fixed' } as const;

  it('takes a correction of an encrypted message only when it came encrypted too', () => {
    expect(applyChange(message({ encryption: omemo }), incoming(fix), OWN)).toEqual({ kind: 'refused', reason: 'a correction of an encrypted message that was not encrypted' });
    const outcome = applyChange(message({ encryption: omemo }), incoming(fix, { encryption: omemo }), OWN);
    expect(outcome.kind === 'changed' && [outcome.message.body, outcome.message.encryption]).toEqual(['fixed', omemo]);
  });

  it('does not correct a message that could not be decrypted, but lets it be retracted and reacted to', () => {
    const unreadable = message({ body: '', encryption: { kind: 'undecryptable', reason: 'no-session', device: 7 } });
    expect(applyChange(unreadable, incoming(fix, { encryption: omemo }), OWN).kind).toBe('refused');
    expect(applyChange(unreadable, incoming({ kind: 'retraction', ref: 's1' }), OWN).kind).toBe('changed');
    expect(applyChange(unreadable, incoming({ kind: 'reactions', ref: 's1', emojis: ['👍'] }), OWN).kind).toBe('changed');
  });
});
