import { describe, expect, it } from 'vitest';
import { createDedupe } from '../../../../main/xmpp/features/dedupe.js';

const keys = (originId: string | null, archiveId: string | null, stanzaId: string | null, body = 'text') => ({ originId, archiveId, stanzaId, body });

describe('message de-duplication', () => {
  it('recognises a message by any of its origin-id and archive id', () => {
    const dedupe = createDedupe();
    expect(dedupe.remember('romeo@example.net', keys('o1', 'a1', 'i1'))).toBe(false);
    expect(dedupe.has('romeo@example.net', keys('o1', null, null))).toBe(true);
    expect(dedupe.has('romeo@example.net', keys(null, 'a1', null))).toBe(true);
    // The plain stanza id counts only for messages without origin-id and archive id.
    expect(dedupe.has('romeo@example.net', keys(null, null, 'i1'))).toBe(false);
  });

  it('uses id and text together for messages with neither', () => {
    const dedupe = createDedupe();
    dedupe.remember('romeo@example.net', keys(null, null, '1', 'first'));
    expect(dedupe.has('romeo@example.net', keys(null, null, '1', 'first'))).toBe(true);
    expect(dedupe.has('romeo@example.net', keys(null, null, '1', 'second'))).toBe(false);
  });

  it('keeps peers apart and cannot be confused by separators inside ids', () => {
    const dedupe = createDedupe();
    dedupe.remember('a@example.net', keys('x","origin","y', null, null));
    expect(dedupe.has('b@example.net', keys('x","origin","y', null, null))).toBe(false);
    expect(dedupe.has('a@example.net', keys('x', null, null))).toBe(false);
  });

  it('forgets the oldest keys beyond its capacity', () => {
    const dedupe = createDedupe(2);
    dedupe.remember('p@example.net', keys('1', null, null));
    dedupe.remember('p@example.net', keys('2', null, null));
    dedupe.remember('p@example.net', keys('3', null, null));
    expect(dedupe.has('p@example.net', keys('1', null, null))).toBe(false);
    expect(dedupe.has('p@example.net', keys('3', null, null))).toBe(true);
  });
});
