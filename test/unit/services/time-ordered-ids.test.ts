/**
 * Local message ids are made in time order (UUID version 7), so the message history's index of them grows at
 * its end, and stay unique however many are made in one millisecond.
 */
import { describe, expect, it } from 'vitest';
import { createTimeOrderedIds } from '../../../main/services/time-ordered-ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  it('are version 7 UUIDs that start with the time they were made, and sort in the order they were made', () => {
    let clock = Date.UTC(2026, 11, 1, 10, 0, 0, 0);
    const ids = createTimeOrderedIds(() => new Date(clock));
    const made: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      made.push(ids());
      clock += 1 + (i % 3) * 997;
    }
    for (const id of made) expect(id).toMatch(UUID_V7);
    expect(made[0]?.replace('-', '').slice(0, 12)).toBe(Date.UTC(2026, 11, 1, 10, 0, 0, 0).toString(16).padStart(12, '0'));
    expect([...made].sort()).toEqual(made);
  });

  it('made in the same millisecond, are all different (the random part)', () => {
    const ids = createTimeOrderedIds(() => new Date('2026-12-01T10:00:00.000Z'));
    const made = new Set(Array.from({ length: 10_000 }, () => ids()));
    expect(made.size).toBe(10_000);
  });

  it('draw random bytes in blocks, each byte used once, across many ids', () => {
    let draws = 0;
    let next = 0;
    // A generator that counts up, so every byte drawn is different and its place in an id can be checked.
    const counting = (size: number) => {
      draws += 1;
      return Buffer.from(Array.from({ length: size }, () => next++ % 256));
    };
    const ids = createTimeOrderedIds(() => new Date(0), counting);
    const made = Array.from({ length: 1_000 }, () => ids());
    expect(draws).toBe(3); // 409 ids per 4,096 bytes
    // The second id's random part is bytes 10..19 of the first draw (0x0a..0x13), under the version (7) and
    // variant (8) bits; the first id had bytes 0..9.
    expect(made[0]?.replaceAll('-', '').slice(12)).toBe('70018203040506070809');
    expect(made[1]?.replaceAll('-', '').slice(12)).toBe('7a0b8c0d0e0f10111213');
  });

  it('keep the version and variant bits whatever the random bytes are, and count a clock before 1970 as 0', () => {
    const ones = createTimeOrderedIds(() => new Date(-5000), (size) => Buffer.alloc(size, 0xff));
    expect(ones()).toBe('00000000-0000-7fff-bfff-ffffffffffff');
    const zeros = createTimeOrderedIds(() => new Date(0x0123456789ab), (size) => Buffer.alloc(size, 0));
    expect(zeros()).toBe('01234567-89ab-7000-8000-000000000000');
  });
});
