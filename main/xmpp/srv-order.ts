/**
 * RFC 2782 target selection: lowest priority first; within one priority, repeatedly pick a record at random
 * with probability proportional to its weight. XEP-0368 mixes `_xmpps-client` and `_xmpp-client` records into
 * this one ordering. Pure: the random source is a parameter so tests can fix it.
 */
export interface Weighted {
  readonly priority: number;
  readonly weight: number;
}

/** `random` returns a number in [0, 1), like Math.random. Input order only breaks ties in the arrangement. */
export function orderSrvRecords<T extends Weighted>(records: readonly T[], random: () => number): T[] {
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b);
  return priorities.flatMap((priority) =>
    weightedOrder(
      records.filter((r) => r.priority === priority),
      random,
    ),
  );
}

function weightedOrder<T extends Weighted>(group: readonly T[], random: () => number): T[] {
  // RFC 2782: "all those with weight 0 are placed at the beginning of the list", so that a zero-weight record
  // has a very small chance of being picked while heavier ones remain.
  const remaining = [...group.filter((r) => r.weight === 0), ...group.filter((r) => r.weight !== 0)];
  const ordered: T[] = [];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, r) => sum + r.weight, 0);
    const pick = uniformInteger(random(), total);
    let running = 0;
    let index = remaining.findIndex((r) => (running += r.weight) >= pick);
    if (index < 0) index = remaining.length - 1; // unreachable while pick <= total; kept for safety
    const [chosen] = remaining.splice(index, 1);
    if (chosen !== undefined) ordered.push(chosen);
  }
  return ordered;
}

/** A uniform integer in [0, max] (inclusive, as RFC 2782 says) from a number in [0, 1). */
function uniformInteger(unit: number, max: number): number {
  const clamped = Number.isFinite(unit) ? Math.min(Math.max(unit, 0), 1) : 0;
  return Math.min(Math.floor(clamped * (max + 1)), max);
}
