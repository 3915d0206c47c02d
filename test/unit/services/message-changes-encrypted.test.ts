/** issue 15: OMEMO. Our own changes and replies never carry an encrypted message's text in plaintext. */
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createMessageChanges } from '../../../main/services/message-changes-service.js';

const BOB = 'bob@example.org';

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

function setup(stored: ChatMessage) {
  const sent: Element[] = [];
  const changes = createMessageChanges({
    ownJid: 'alice@example.org',
    store: { byRef: () => stored, byId: (id) => (id === stored.id ? stored : null), saveChanges: () => undefined },
    emit: () => undefined,
    record: () => undefined,
    send: async (stanza) => void sent.push(stanza),
    ids: () => 'change-1',
    now: () => new Date('2026-12-01T11:00:00.000Z'),
    log: () => undefined,
  });
  return { changes, sent };
}

describe('changes and replies in an encrypted conversation', () => {
  it('refuses to send a correction of an encrypted message, sending nothing', async () => {
    const { changes, sent } = setup(message({ encryption: { kind: 'omemo', device: null } }));
    await expect(changes.change(BOB, 'local-1', { kind: 'correct', body: 'the new secret' })).rejects.toThrow(/cannot be corrected yet/);
    expect(sent).toEqual([]);
  });

  it('still retracts and reacts to an encrypted message (no text goes with either)', async () => {
    const { changes, sent } = setup(message({ encryption: { kind: 'omemo', device: null } }));
    await changes.change(BOB, 'local-1', { kind: 'retract' });
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
