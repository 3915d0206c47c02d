import { describe, expect, it } from 'vitest';
import { createHoldUntilReady } from '../../../main/services/hold-until-ready.js';

describe('holding runs until ready', () => {
  it('holds what comes before open, runs it in order at open, and runs what comes after at once', () => {
    const ran: string[] = [];
    const hold = createHoldUntilReady(10);
    hold.run(() => ran.push('a'));
    hold.run(() => ran.push('b'));
    expect(ran).toEqual([]);
    hold.open();
    expect(ran).toEqual(['a', 'b']);
    hold.run(() => ran.push('c'));
    expect(ran).toEqual(['a', 'b', 'c']);
    hold.open();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('holds at most its limit; past it, runs at once rather than growing', () => {
    const ran: number[] = [];
    const hold = createHoldUntilReady(2);
    for (const n of [1, 2, 3, 4]) hold.run(() => ran.push(n));
    expect(ran).toEqual([3, 4]);
    hold.open();
    expect(ran).toEqual([3, 4, 1, 2]);
  });
});
