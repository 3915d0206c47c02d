/** Seeded randomness for the message benchmark: the same database every run, so runs compare. */

export type Random = () => number;

/** mulberry32: a small, fast generator with a 32-bit state; plenty for test data, not for anything secret. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * Draws indexes 0..n-1 with weight 1/(i + offset)^exponent: a few very frequent items and a long tail, as
 * words in text and messages per conversation are distributed.
 */
export function zipf(n: number, exponent: number, offset = 1): (random: Random) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += 1 / (i + offset) ** exponent;
    cumulative[i] = total;
  }
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/** A lower-case base-36 id of `length` characters (archive ids, origin ids). */
export function randomId(random: Random, length: number): string {
  let id = '';
  while (id.length < length) id += Math.floor(random() * 36).toString(36);
  return id;
}
