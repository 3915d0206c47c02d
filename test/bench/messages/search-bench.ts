/**
 * A search's first page (50 hits, newest first, with context) through `MessageDb.search`: single words from
 * the most common to the rarest, two-word searches, and what a person's typing sends (every prefix of a word,
 * from its second letter), each over all conversations and within one conversation (account and peer filter).
 * Baseline: the naive search without an index (`body LIKE '%word%'`, newest first) for the single words.
 */
import type Database from 'better-sqlite3';
import type { MessageDb } from '../../../main/store/messages/message-db.js';
import { pick, seeded, type Random } from './random.js';
import { summarize, timed } from './stats.js';
import type { Row } from './table.js';
import type { Conversation, World } from './world.js';

export const FIRST_PAGE = 50;

/** Frequency ranks to take words from: the top, the middle and the tail of the vocabulary. */
function ranks(random: Random, size: number): number[] {
  const bands = [
    [0, 20],
    [20, 300],
    [300, 3000],
    [3000, Math.max(3001, size)],
  ] as const;
  return bands.flatMap(([low, high]) => Array.from({ length: 8 }, () => low + Math.floor(random() * Math.min(size - low, high - low))));
}

export interface SearchQueries {
  readonly words: readonly string[];
  readonly pairs: readonly string[];
  readonly typing: readonly string[];
}

export function searchQueries(world: World): SearchQueries {
  const random = seeded(7);
  const words = ranks(random, world.corpus.size).map((r) => world.corpus.word(r));
  const pairs = Array.from({ length: 16 }, () => `${world.corpus.word(Math.floor(random() * 300))} ${world.corpus.word(300 + Math.floor(random() * 3000))}`);
  // Words of five letters or more, typed one letter at a time; a search starts from the second letter.
  const long = words.filter((w) => [...w].length >= 5).slice(0, 10);
  const typing = long.flatMap((w) => Array.from({ length: [...w].length - 1 }, (_, i) => [...w].slice(0, i + 2).join('')));
  return { words, pairs, typing };
}

export function measureSearch(db: MessageDb, raw: Database.Database, world: World, baselineSamples: number): Row[] {
  const random = seeded(8);
  const queries = searchQueries(world);
  const inConversation = (): Conversation => pick(random, world.conversations);
  const run = (texts: readonly string[], filtered: boolean) =>
    texts.map((text) => {
      const where = filtered ? inConversation() : null;
      return timed(() => db.search({ text, limit: FIRST_PAGE, ...(where ? { accountId: where.account, peer: where.peer } : {}) }));
    });
  // The naive search, newest first, for single words from every band (each a scan when the word is rare).
  const like = raw.prepare(`SELECT * FROM messages WHERE body LIKE @pattern ORDER BY rowid DESC LIMIT ${FIRST_PAGE}`);
  const every = Math.ceil(queries.words.length / baselineSamples);
  const naive = queries.words.filter((_, i) => i % every === 0).map((w) => timed(() => like.all({ pattern: `%${w}%` })));

  const groups = {
    words: run(queries.words, false),
    wordsFiltered: run(queries.words, true),
    pairs: run(queries.pairs, false),
    pairsFiltered: run(queries.pairs, true),
    typing: run(queries.typing, false),
    typingFiltered: run(queries.typing, true),
  };
  const all = Object.values(groups).flat();
  const target = { value: 50, statistic: 'p95', bound: 'at-most' } as const;
  return [
    { label: 'Search, first page: every query below', unit: 'ms', measured: summarize(all), target },
    { label: '  one word, all conversations', unit: 'ms', measured: summarize(groups.words), target, baseline: { name: "LIKE '%word%'", measured: summarize(naive) } },
    { label: '  one word, one conversation', unit: 'ms', measured: summarize(groups.wordsFiltered), target },
    { label: '  two words, all conversations', unit: 'ms', measured: summarize(groups.pairs), target },
    { label: '  two words, one conversation', unit: 'ms', measured: summarize(groups.pairsFiltered), target },
    { label: '  while typing (prefixes), all', unit: 'ms', measured: summarize(groups.typing), target },
    { label: '  while typing (prefixes), one conversation', unit: 'ms', measured: summarize(groups.typingFiltered), target },
  ];
}
