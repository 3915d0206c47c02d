/**
 * The quick switcher's ranking, as pure functions: prefix before word start before substring, conversations
 * before contacts on a tie, the given order after that, accents and case ignored, and a cap on what is shown.
 */
import { describe, expect, it } from 'vitest';
import { buildQuickSwitchIndex, foldForSearch, searchQuickSwitch, type QuickSwitchEntry } from '../../../renderer/src/chat/quick-switch-match.js';

const entry = (key: string, name: string, address: string, kind: QuickSwitchEntry['kind'] = 'contact'): QuickSwitchEntry => ({
  key,
  name,
  address,
  accountLabel: null,
  kind,
  unread: 0,
});
const keys = (entries: readonly QuickSwitchEntry[], query: string, limit = 50) => searchQuickSwitch(buildQuickSwitchIndex(entries), query, limit).shown.map((e) => e.key);

describe('foldForSearch', () => {
  it('drops accents and case, in composed and decomposed spellings alike', () => {
    expect(foldForSearch('Zoë ÅSA')).toBe('zoe asa');
    expect(foldForSearch('Zoe\u0308')).toBe('zoe');
    expect(foldForSearch('Ελένη')).toBe('ελενη');
  });
});

describe('searchQuickSwitch', () => {
  it('ranks a prefix match before a word-start match before a substring match, whatever the given order', () => {
    const entries = [
      entry('substring', 'Coralie', 'coralie@example.org'),
      entry('word-start', 'Anna Alison', 'anna@example.org'),
      entry('prefix', 'Alice', 'alice@example.org'),
      entry('none', 'Bob', 'bob@example.org'),
    ];
    expect(keys(entries, 'ali')).toEqual(['prefix', 'word-start', 'substring']);
  });

  it('matches the address too: its start, and a word after "@" or "."', () => {
    const entries = [entry('domain', 'Zed', 'zed@wonderland.lit'), entry('local', 'Someone', 'wonder@example.org')];
    expect(keys(entries, 'wonder')).toEqual(['local', 'domain']);
  });

  it('puts conversations before contacts on a tie, and keeps the given order within each', () => {
    const entries = [
      entry('contact-1', 'Alice A', 'a1@example.org'),
      entry('conversation-1', 'Alice B', 'a2@example.org', 'conversation'),
      entry('contact-2', 'Alice C', 'a3@example.org'),
      entry('conversation-2', 'Alice D', 'a4@example.org', 'conversation'),
    ];
    expect(keys(entries, 'alice')).toEqual(['conversation-1', 'conversation-2', 'contact-1', 'contact-2']);
  });

  it('prefers a contact with a better match to a conversation with a worse one', () => {
    const entries = [entry('conversation', 'Malice', 'm@example.org', 'conversation'), entry('contact', 'Alice', 'alice@example.org')];
    expect(keys(entries, 'alice')).toEqual(['contact', 'conversation']);
  });

  it('ignores accents and case on both sides', () => {
    const entries = [entry('zoe', 'Zoë Ångström', 'zoe@example.org'), entry('other', 'Bob', 'bob@example.org')];
    expect(keys(entries, 'ZOE')).toEqual(['zoe']);
    expect(keys(entries, 'angstr')).toEqual(['zoe']);
    expect(keys(entries, 'ångström')).toEqual(['zoe']);
  });

  it('with an empty query gives conversations, then contacts, in the given order', () => {
    const entries = [entry('c1', 'X', 'x@e.org'), entry('v1', 'Y', 'y@e.org', 'conversation'), entry('c2', 'Z', 'z@e.org'), entry('v2', 'W', 'w@e.org', 'conversation')];
    expect(keys(entries, '')).toEqual(['v1', 'v2', 'c1', 'c2']);
    expect(keys(entries, '   ')).toEqual(['v1', 'v2', 'c1', 'c2']);
  });

  it('shows at most the limit, best first, and counts every match', () => {
    const entries = Array.from({ length: 5_000 }, (_, i) => entry(`c${i}`, `Contact ${i}`, `c${i}@example.org`));
    entries.push(entry('best', 'Contactless', 'best@example.org', 'conversation'));
    const result = searchQuickSwitch(buildQuickSwitchIndex(entries), 'contact', 50);
    expect(result.shown).toHaveLength(50);
    expect(result.total).toBe(5_001);
    expect(result.shown[0]?.key).toBe('best');
    expect(result.shown[1]?.key).toBe('c0');
  });

  it('finds nothing for text that is nowhere', () => {
    const result = searchQuickSwitch(buildQuickSwitchIndex([entry('a', 'Alice', 'alice@example.org')]), 'zz', 50);
    expect(result).toEqual({ shown: [], total: 0 });
  });
});
