import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../../main/store/messages/message-db.js';
import { contextParts, ftsQuery } from '../../../../main/store/messages/search.js';
import { useTempDirs } from '../temp-dir.js';
import { ACCOUNT, BOB, input, msg, OTHER_ACCOUNT } from './message-fixture.js';

const tempDir = useTempDirs();

async function withMessages() {
  const db = openMessageDb({ file: path.join(await tempDir(), 'm.sqlite'), now: () => new Date(), report: () => undefined });
  db.store(input(msg({ body: 'Let us meet at the café on Friday', at: '2026-11-01T10:00:00.000Z' })));
  db.store(input(msg({ body: 'The cafe was closed, sorry', at: '2026-11-02T10:00:00.000Z' })));
  db.store(input(msg({ peer: 'carol@example.org', body: 'Meeting notes attached', at: '2026-11-03T10:00:00.000Z' })));
  db.store(input(msg({ accountId: OTHER_ACCOUNT, body: 'meet me at work', at: '2026-11-04T10:00:00.000Z' })));
  return db;
}

describe('searching the history', () => {
  it('finds words regardless of case and accents, the last word as a prefix, newest first, with the matches marked', async () => {
    const db = await withMessages();
    expect(db.search({ text: 'CAFE', limit: 10 }).map((h) => h.message.body)).toEqual(['The cafe was closed, sorry', 'Let us meet at the café on Friday']);
    const hits = db.search({ text: 'meet', limit: 10 });
    expect(hits.map((h) => h.message.body)).toEqual(['meet me at work', 'Meeting notes attached', 'Let us meet at the café on Friday']);
    expect(hits[1]?.context).toEqual([
      { text: 'Meeting', match: true },
      { text: ' notes attached', match: false },
    ]);
    db.close();
  });

  it('filters by account, contact and time, and pages', async () => {
    const db = await withMessages();
    expect(db.search({ text: 'meet', accountId: ACCOUNT, limit: 10 })).toHaveLength(2);
    expect(db.search({ text: 'meet', accountId: ACCOUNT, peer: BOB, limit: 10 }).map((h) => h.message.peer)).toEqual([BOB]);
    expect(db.search({ text: 'meet', from: new Date('2026-11-03T00:00:00.000Z'), limit: 10 })).toHaveLength(2);
    expect(db.search({ text: 'meet', until: new Date('2026-11-03T00:00:00.000Z'), limit: 10 })).toHaveLength(1);
    expect(db.search({ text: 'meet', limit: 1, offset: 1 }).map((h) => h.message.body)).toEqual(['Meeting notes attached']);
    db.close();
  });

  it('treats what the user typed as words, never as query syntax', async () => {
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('a "b" OR c*')).toBe('"a" """b""" "OR" "c*"*');
    // One letter is a word, not yet a prefix (it begins too many words to be worth the search).
    expect(ftsQuery('see i')).toBe('"see" "i"');
    const db = await withMessages();
    for (const text of ['"', 'NEAR(', 'body:cafe', ')(', '*', 'AND OR NOT']) expect(() => db.search({ text, limit: 5 })).not.toThrow();
    expect(db.search({ text: 'cafe OR nothing', limit: 5 })).toEqual([]);
    db.close();
  });

  it('splits a snippet into text and marked matches', () => {
    expect(contextParts('a \u0002b\u0003 c \u0002d\u0003')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
  });
});
