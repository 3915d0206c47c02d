/**
 * Ranking for the quick switcher (Ctrl+K). Built for 5,000 contacts and a keystroke each: the entries are
 * folded once (useMemo on the list), and a search is one pass over them that drops each match into one of
 * six buckets by (how it matched, conversation or contact). No sort: the given order breaks ties, and the
 * pass stops filling a bucket once it holds the most that can be shown.
 */

export interface QuickSwitchEntry {
  /** Unique in the list; the row's React key and what the caller uses to open it. */
  readonly key: string;
  readonly name: string;
  /** Bare address (never with a resource). */
  readonly address: string;
  /** The account it belongs to, when there are several; null shows none. */
  readonly accountLabel: string | null;
  readonly kind: 'conversation' | 'contact';
  readonly unread: number;
}

export interface QuickSwitchIndex {
  readonly items: readonly IndexedEntry[];
}

interface IndexedEntry {
  readonly entry: QuickSwitchEntry;
  readonly name: string;
  readonly address: string;
}

export interface QuickSwitchResult {
  /** At most the limit, best first. */
  readonly shown: readonly QuickSwitchEntry[];
  /** Every entry that matched, shown or not. */
  readonly total: number;
}

/** How a query matched a name or an address, best first; TIERS means no match. */
const PREFIX = 0;
const WORD_START = 1;
const SUBSTRING = 2;
const TIERS = 3;

/** Case- and accent-insensitive form: "Zoë" and "ZOE" both become "zoe". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function buildQuickSwitchIndex(entries: readonly QuickSwitchEntry[]): QuickSwitchIndex {
  return { items: entries.map((entry) => ({ entry, name: foldForSearch(entry.name), address: foldForSearch(entry.address) })) };
}

/**
 * The entries matching `query`, best first: a name or address that starts with it, then one with a word
 * that starts with it ("lid" in "Alice Liddell", "example" in "alice@example.org"), then any other place; on
 * a tie conversations before contacts, then the given order. An empty query gives conversations, then
 * contacts, in the given order.
 */
export function searchQuickSwitch(index: QuickSwitchIndex, query: string, limit: number): QuickSwitchResult {
  const needle = foldForSearch(query.trim().replace(/\s+/gu, ' '));
  const buckets: QuickSwitchEntry[][] = Array.from({ length: TIERS * 2 }, () => []);
  let total = 0;
  for (const item of index.items) {
    const tier = needle === '' ? PREFIX : Math.min(matchTier(item.name, needle), matchTier(item.address, needle));
    if (tier >= TIERS) continue;
    total++;
    const bucket = buckets[tier * 2 + (item.entry.kind === 'conversation' ? 0 : 1)];
    if (bucket && bucket.length < limit) bucket.push(item.entry);
  }
  const shown: QuickSwitchEntry[] = [];
  for (const bucket of buckets) {
    for (const entry of bucket) {
      if (shown.length >= limit) return { shown, total };
      shown.push(entry);
    }
  }
  return { shown, total };
}

/** TIERS (no match) or the best tier of any place `needle` occurs in `text`. */
function matchTier(text: string, needle: string): number {
  let at = text.indexOf(needle);
  if (at === -1) return TIERS;
  if (at === 0) return PREFIX;
  while (at !== -1) {
    if (isWordStart(text, at)) return WORD_START;
    at = text.indexOf(needle, at + 1);
  }
  return SUBSTRING;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A word starts where a letter or digit follows something that is neither (space, "@", ".", "-", "("). */
function isWordStart(text: string, at: number): boolean {
  return !WORD_CHAR.test(text.charAt(at - 1));
}
