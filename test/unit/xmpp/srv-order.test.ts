import { describe, expect, it } from 'vitest';
import { orderSrvRecords } from '../../../main/xmpp/srv-order.js';

interface Rec {
  readonly id: string;
  readonly priority: number;
  readonly weight: number;
}

const rec = (id: string, priority: number, weight: number): Rec => ({ id, priority, weight });

/** A random source that returns the given values in order and fails the test if asked for more. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => {
    const value = values[i++];
    if (value === undefined) throw new Error(`random() called more than ${values.length} times`);
    return value;
  };
}

/** mulberry32: a small deterministic PRNG, so the statistical test is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ids = (records: readonly Rec[]): string[] => records.map((r) => r.id);

describe('orderSrvRecords (RFC 2782 selection)', () => {
  it('puts lower priorities first whatever the input order', () => {
    const records = [rec('p20', 20, 0), rec('p5', 5, 0), rec('p10', 10, 0)];
    expect(ids(orderSrvRecords(records, () => 0))).toEqual(['p5', 'p10', 'p20']);
  });

  it('walks the running sums of weights, zero-weight records placed first (worked example)', () => {
    // Priority 1 is arranged [C(0), A(10), B(30)]: running sums 0, 10, 40; a draw is an integer in [0, 40].
    // 0.5 → floor(0.5 × 41) = 20 → first sum ≥ 20 is B. Then [C(0), A(10)]: sums 0, 10; 0.5 → floor(5.5) = 5 → A.
    const records = [rec('A', 1, 10), rec('B', 1, 30), rec('C', 1, 0), rec('D', 0, 5)];
    expect(ids(orderSrvRecords(records, sequence(0.9, 0.5, 0.5, 0.3)))).toEqual(['D', 'B', 'A', 'C']);
  });

  it('lets a zero-weight record win when the draw is 0', () => {
    // Draw 0 selects the first record whose running sum is ≥ 0: the zero-weight one at the front.
    // Then [A(10), B(30)]: 0.2 → floor(0.2 × 41) = 8 → A (sum 10 ≥ 8).
    const records = [rec('A', 1, 10), rec('B', 1, 30), rec('C', 1, 0)];
    expect(ids(orderSrvRecords(records, sequence(0, 0.2, 0.7)))).toEqual(['C', 'A', 'B']);
  });

  it('picks the last record for a draw at the top of the range', () => {
    const records = [rec('A', 1, 10), rec('B', 1, 30)];
    expect(ids(orderSrvRecords(records, sequence(0.999999, 0.999999)))).toEqual(['B', 'A']);
  });

  it('keeps the input order when every weight is zero', () => {
    const records = [rec('x', 3, 0), rec('y', 3, 0), rec('z', 3, 0)];
    expect(ids(orderSrvRecords(records, seeded(7)))).toEqual(['x', 'y', 'z']);
  });

  it('chooses first in proportion to weight (draws uniform over 0..total inclusive)', () => {
    // [A(10), B(30)]: A wins on draws 0..10 (11 of 41 values), B on 11..40 (30 of 41).
    const random = seeded(42);
    const runs = 20_000;
    let aFirst = 0;
    for (let i = 0; i < runs; i++) {
      if (orderSrvRecords([rec('A', 0, 10), rec('B', 0, 30)], random)[0]?.id === 'A') aFirst++;
    }
    expect(Math.abs(aFirst / runs - 11 / 41)).toBeLessThan(0.015);
  });

  it('returns every record exactly once, even with a misbehaving random source', () => {
    const records = [rec('A', 1, 10), rec('B', 1, 30), rec('C', 2, 5), rec('D', 2, 0)];
    for (const bad of [1, 2, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(ids(orderSrvRecords(records, () => bad)).sort()).toEqual(['A', 'B', 'C', 'D']);
    }
  });

  it('does not modify its input', () => {
    const records = [rec('A', 1, 10), rec('B', 0, 30)];
    const copy = records.map((r) => ({ ...r }));
    orderSrvRecords(records, seeded(1));
    expect(records).toEqual(copy);
  });
});
