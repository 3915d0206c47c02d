/**
 * The small rules of one account's OMEMO, each on its own: our id added to our device list with the other
 * clients' ids kept; a broken session repaired at most once per device per interval (on an injected clock); the
 * device-list cache keeping a notification over an older answer that arrives after it.
 */
import { describe, expect, it } from 'vitest';
import { createDeviceListCache } from '../../../../main/services/omemo/device-list-cache.js';
import { listWithOwnDevice } from '../../../../main/services/omemo/own-device-list.js';
import { createRepairLimiter } from '../../../../main/services/omemo/repair-limiter.js';

describe('our device list', () => {
  it('gets our id added after the other clients’ ids, which stay as they were', () => {
    expect(listWithOwnDevice([7, 3], 42)).toEqual([7, 3, 42]);
    expect(listWithOwnDevice([], 42)).toEqual([42]);
  });
  it('is not published again when it already holds our id', () => {
    expect(listWithOwnDevice([7, 42, 3], 42)).toBeNull();
  });
});

describe('the repair limiter', () => {
  it('allows one repair per device per interval, and other devices meanwhile', () => {
    let now = 1_000_000;
    const limiter = createRepairLimiter({ now: () => now, intervalMs: 60_000 });
    expect(limiter.claim('bob@example.net', 1)).toBe(true);
    expect(limiter.claim('bob@example.net', 1)).toBe(false);
    expect(limiter.claim('bob@example.net', 2)).toBe(true);
    expect(limiter.claim('carol@example.net', 1)).toBe(true);
    now += 59_999;
    expect(limiter.claim('bob@example.net', 1)).toBe(false);
    now += 1;
    expect(limiter.claim('bob@example.net', 1)).toBe(true);
    expect(limiter.claim('bob@example.net', 1)).toBe(false);
  });
});

describe('the device list cache', () => {
  it('asks once for an unknown list, shares the request, and answers from the cache afterwards', async () => {
    const cache = createDeviceListCache();
    const asked: string[] = [];
    const fetch = async (jid: string) => {
      asked.push(jid);
      return [1, 2];
    };
    const [a, b] = await Promise.all([cache.get('bob@example.net', fetch), cache.get('bob@example.net', fetch)]);
    expect([a, b]).toEqual([[1, 2], [1, 2]]);
    expect(await cache.get('bob@example.net', fetch)).toEqual([1, 2]);
    expect(asked).toEqual(['bob@example.net']);
  });

  it('keeps a notification that arrived while an older answer was on its way', async () => {
    const cache = createDeviceListCache();
    let answer!: (devices: number[]) => void;
    const pending = cache.get('bob@example.net', () => new Promise((resolve) => (answer = resolve)));
    cache.set('bob@example.net', [1, 2, 3]);
    answer([1, 2]);
    expect(await pending).toEqual([1, 2, 3]);
    expect(cache.known('bob@example.net')).toEqual([1, 2, 3]);
  });

  it('caches nothing when the request fails, and asks again after forget or clear', async () => {
    const cache = createDeviceListCache();
    await expect(cache.get('bob@example.net', () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
    expect(cache.known('bob@example.net')).toBeUndefined();
    cache.set('bob@example.net', [1]);
    cache.forget('bob@example.net');
    expect(cache.known('bob@example.net')).toBeUndefined();
    cache.set('carol@example.net', [2]);
    cache.clear();
    expect(cache.known('carol@example.net')).toBeUndefined();
  });
});
