/**
 * A conversation as an exported file (conversation-export.ts): the JSON carries every field a program needs,
 * the text has one "[date time] who: text" line per message in UTC, and the file name cannot point anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { EXPORT_SCHEMA, formatConversationExport, type ConversationDocument } from '../../../main/services/conversation-export.js';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.org';

function message(overrides: Partial<ChatMessage>): ChatMessage {
  return {
    id: 'm-1',
    accountId: 'acc-1',
    peer: BOB,
    direction: 'in',
    body: 'hello',
    at: '2026-11-30T21:05:09.000Z',
    state: 'received',
    stanzaId: 's-1',
    originId: 'o-1',
    archiveId: 'A-1',
    carbon: false,
    error: null,
    ...overrides,
  };
}

const DOCUMENT: ConversationDocument = {
  account: ALICE,
  peer: BOB,
  exportedAt: new Date('2026-12-01T09:45:00.000Z'),
  complete: true,
  messages: [
    message({}),
    message({ id: 'm-2', direction: 'out', body: 'two lines\nof text', at: '2026-11-30T21:06:00.000Z', state: 'delivered', stanzaId: null, archiveId: null }),
    message({ id: 'm-3', direction: 'out', body: 'lost', at: '2026-11-30T21:07:00.000Z', state: 'failed', error: 'recipient-unavailable' }),
  ],
};

describe('exporting a conversation', () => {
  it('as JSON: account, peer, when, and each message with direction, body, time, state and ids', () => {
    const exported = formatConversationExport(DOCUMENT, 'json');
    expect(exported).toMatchObject({ fileName: 'conversation-bob@example.org-20261201-0945.json', mimeType: 'application/json', messages: 3, complete: true });
    const parsed = JSON.parse(exported.content) as Record<string, unknown> & { messages: Array<Record<string, unknown>> };
    expect(parsed).toMatchObject({ schema: EXPORT_SCHEMA, version: 1, account: ALICE, peer: BOB, exportedAt: '2026-12-01T09:45:00.000Z', complete: true });
    expect(parsed.messages[0]).toEqual({
      id: 'm-1',
      direction: 'in',
      from: BOB,
      to: ALICE,
      body: 'hello',
      at: '2026-11-30T21:05:09.000Z',
      state: 'received',
      error: null,
      stanzaId: 's-1',
      originId: 'o-1',
      archiveId: 'A-1',
      carbon: false,
    });
    expect(parsed.messages.map((m) => [m['from'], m['body'], m['state']])).toEqual([
      [BOB, 'hello', 'received'],
      [ALICE, 'two lines\nof text', 'delivered'],
      [ALICE, 'lost', 'failed'],
    ]);
  });

  it('as text: a header, then "[date time] who: text" in UTC; later lines of a message indented; failures said', () => {
    const exported = formatConversationExport(DOCUMENT, 'text');
    expect(exported).toMatchObject({ fileName: 'conversation-bob@example.org-20261201-0945.txt', mimeType: 'text/plain', messages: 3 });
    expect(exported.content).toBe(
      [
        `Conversation between ${ALICE} and ${BOB}`,
        'Exported from Hostproof on 2026-12-01 09:45:00 (all times UTC), 3 messages.',
        '',
        `[2026-11-30 21:05:09] ${BOB}: hello`,
        `[2026-11-30 21:06:00] ${ALICE}: two lines`,
        '    of text',
        `[2026-11-30 21:07:00] ${ALICE}: lost (not delivered: recipient-unavailable)`,
        '',
      ].join('\n'),
    );
  });

  it('says when older messages were left out, and an empty conversation is still a file', () => {
    expect(formatConversationExport({ ...DOCUMENT, complete: false }, 'text').content).toContain('Older messages were left out');
    const empty = formatConversationExport({ ...DOCUMENT, messages: [] }, 'text');
    expect(empty.content).toContain('0 messages.');
    expect(JSON.parse(formatConversationExport({ ...DOCUMENT, messages: [] }, 'json').content)).toMatchObject({ messages: [] });
  });

  it('makes a file name that names no folder, whatever the address holds', () => {
    const { fileName } = formatConversationExport({ ...DOCUMENT, peer: '../../.hidden/x\\y@evil.test' }, 'json');
    expect(fileName).not.toMatch(/[/\\]/);
    expect(fileName.startsWith('conversation-')).toBe(true);
  });
});
