import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../../../main/encoding/base64.js';
import { MAX_POSH_LIFETIME_SECONDS, type PoshMaterial } from '../../../../main/trust/posh/material.js';
import {
  cacheEntryFromMaterial,
  cacheFreshness,
  createMemoryPoshCachePersistence,
  createPoshCache,
  materialFromCacheEntry,
  type PoshCacheEntry,
  type PoshCachePersistence,
} from '../../../../main/trust/posh/posh-cache.js';

const T0 = new Date('2030-01-01T00:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const DIGEST = new Uint8Array(32).fill(0xab);
const URL_HOSTING = 'https://hosting.test/posh.json';

const material = (overrides: Partial<PoshMaterial> = {}): PoshMaterial => ({
  domain: 'hosted.test',
  format: 'rfc7711',
  fingerprints: [{ hash: 'sha-256', digest: DIGEST, url: URL_HOSTING }],
  lifetimeSeconds: 3600,
  ...overrides,
});

describe('cacheEntryFromMaterial', () => {
  it('records when it was fetched, when it expires and each digest as standard base64 with its source URL', () => {
    expect(cacheEntryFromMaterial(material(), T0)).toEqual({
      domain: 'hosted.test',
      format: 'rfc7711',
      fetchedAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T01:00:00.000Z',
      fingerprints: [{ hash: 'sha-256', value: encodeBase64(DIGEST), url: URL_HOSTING }],
    });
  });

  it('caps the lifetime at 30 days whatever the material says', () => {
    const entry = cacheEntryFromMaterial(material({ lifetimeSeconds: 10 ** 9 }), T0);
    expect(Date.parse(entry.expiresAt) - T0.getTime()).toBe(30 * 24 * 3600 * 1000);
    expect(MAX_POSH_LIFETIME_SECONDS).toBe(30 * 24 * 3600);
  });

  it('keeps no reference URL: only digests and the URL of the document that held them', () => {
    const entry = cacheEntryFromMaterial(material(), T0);
    expect(Object.keys(entry).sort()).toEqual(['domain', 'expiresAt', 'fetchedAt', 'fingerprints', 'format']);
  });
});

describe('cacheFreshness', () => {
  const entry = cacheEntryFromMaterial(material(), T0);
  it('is fresh from the fetch until just before expiry', () => {
    expect(cacheFreshness(entry, T0).fresh).toBe(true);
    expect(cacheFreshness(entry, at(3599)).fresh).toBe(true);
  });
  it('is stale at and after expiry', () => {
    expect(cacheFreshness(entry, at(3600)).fresh).toBe(false);
    expect(cacheFreshness(entry, at(7200)).fresh).toBe(false);
  });
  it('is stale when the clock went back before the fetch time', () => {
    expect(cacheFreshness(entry, at(-1)).fresh).toBe(false);
  });
  it('is stale when an entry (edited on disk) claims more than 30 days', () => {
    const stretched: PoshCacheEntry = { ...entry, expiresAt: at(31 * 24 * 3600).toISOString() };
    expect(cacheFreshness(stretched, at(60)).fresh).toBe(false);
  });
  it('is stale when the times cannot be read', () => {
    expect(cacheFreshness({ ...entry, expiresAt: 'tomorrow' }, T0).fresh).toBe(false);
  });
});

describe('materialFromCacheEntry', () => {
  it('rebuilds the digests of an entry it wrote', () => {
    const rebuilt = materialFromCacheEntry(cacheEntryFromMaterial(material(), T0), at(600));
    expect(rebuilt?.fingerprints).toEqual([{ hash: 'sha-256', digest: DIGEST, url: URL_HOSTING }]);
    expect(rebuilt?.lifetimeSeconds).toBe(3000);
  });

  it.each<[string, (entry: PoshCacheEntry) => PoshCacheEntry]>([
    ['a value that is not strict base64', (e) => ({ ...e, fingerprints: [{ hash: 'sha-256', value: 'q6ur-6ur', url: URL_HOSTING }] })],
    ['a value of the wrong length', (e) => ({ ...e, fingerprints: [{ hash: 'sha-256', value: encodeBase64(new Uint8Array(20)), url: URL_HOSTING }] })],
    ['sha-1 in an RFC entry', (e) => ({ ...e, fingerprints: [{ hash: 'sha-1', value: encodeBase64(new Uint8Array(20)), url: URL_HOSTING }] })],
    ['sha-256 in a seed entry', (e) => ({ ...e, format: 'seed' })],
    ['an unknown hash', (e) => ({ ...e, fingerprints: [{ hash: 'md5' as 'sha-1', value: encodeBase64(new Uint8Array(16)), url: URL_HOSTING }] })],
    ['an unknown format', (e) => ({ ...e, format: 'other' as 'seed' })],
    ['no fingerprints', (e) => ({ ...e, fingerprints: [] })],
  ])('refuses an entry with %s', (_name, spoil) => {
    expect(materialFromCacheEntry(spoil(cacheEntryFromMaterial(material(), T0)), T0)).toBeNull();
  });
});

describe('createPoshCache over a persistence', () => {
  it('stores, answers while fresh, and persists through the injected interface', async () => {
    const persistence = createMemoryPoshCachePersistence();
    const cache = createPoshCache(persistence);
    await cache.store(material(), T0);
    expect((await cache.fresh('hosted.test', at(10)))?.material.fingerprints[0]?.digest).toEqual(DIGEST);
    expect(await cache.fresh('hosted.test', at(3600))).toBeNull();
    expect(await cache.fresh('other.test', at(10))).toBeNull();
    expect((await persistence.load()).map((entry) => entry.domain)).toEqual(['hosted.test']);
  });

  it('loads what an earlier run saved (a restart keeps fresh material)', async () => {
    const persistence = createMemoryPoshCachePersistence();
    await createPoshCache(persistence).store(material(), T0);
    const afterRestart = createPoshCache(persistence);
    expect(await afterRestart.fresh('hosted.test', at(60))).not.toBeNull();
    expect((await afterRestart.list()).map((entry) => entry.domain)).toEqual(['hosted.test']);
  });

  it('forget removes the entry and saves', async () => {
    const persistence = createMemoryPoshCachePersistence([cacheEntryFromMaterial(material(), T0)]);
    const cache = createPoshCache(persistence);
    await cache.forget('hosted.test');
    expect(await cache.fresh('hosted.test', at(1))).toBeNull();
    expect(await persistence.load()).toEqual([]);
  });

  it('drops stale entries of other domains when it writes', async () => {
    const old = cacheEntryFromMaterial(material({ domain: 'old.test', lifetimeSeconds: 60 }), T0);
    const persistence = createMemoryPoshCachePersistence([old]);
    await createPoshCache(persistence).store(material(), at(120));
    expect((await persistence.load()).map((entry) => entry.domain)).toEqual(['hosted.test']);
  });

  it('a persistence that fails to load means an empty cache (fetch again), and the error is reported', async () => {
    const errors: unknown[] = [];
    const broken: PoshCachePersistence = {
      load: () => Promise.reject(new Error('corrupt file')),
      save: () => Promise.resolve(),
    };
    const cache = createPoshCache(broken, (error) => errors.push(error));
    expect(await cache.fresh('hosted.test', T0)).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('a failed save is reported and the entry still serves this run', async () => {
    const errors: unknown[] = [];
    const readOnly: PoshCachePersistence = {
      load: () => Promise.resolve([]),
      save: () => Promise.reject(new Error('disk full')),
    };
    const cache = createPoshCache(readOnly, (error) => errors.push(error));
    await cache.store(material(), T0);
    expect(await cache.fresh('hosted.test', at(1))).not.toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('a corrupt stored entry is treated as absent, never as material', async () => {
    const entry = cacheEntryFromMaterial(material(), T0);
    const corrupt: PoshCacheEntry = { ...entry, fingerprints: [{ hash: 'sha-256', value: '!!', url: URL_HOSTING }] };
    const cache = createPoshCache(createMemoryPoshCachePersistence([corrupt]));
    expect(await cache.fresh('hosted.test', at(1))).toBeNull();
  });

  it('runs operations in order: a save issued after a store sees it', async () => {
    const saves: string[][] = [];
    const recording: PoshCachePersistence = {
      load: () => new Promise((resolve) => setTimeout(() => resolve([]), 5)),
      save: (entries) => {
        saves.push(entries.map((entry) => entry.domain));
        return Promise.resolve();
      },
    };
    const cache = createPoshCache(recording);
    await Promise.all([cache.store(material({ domain: 'a.test' }), T0), cache.store(material({ domain: 'b.test' }), T0), cache.forget('a.test')]);
    expect(saves).toEqual([['a.test'], ['a.test', 'b.test'], ['b.test']]);
  });
});
