/**
 * The POSH cache (posh.md §6). Only successfully fetched material is kept, for at most its `expires`
 * (30 days at most); failures are never stored. Entries hold digests only, never a reference `url`, so a
 * stale entry always sends the next lookup back to the domain's well-known URL.
 *
 * The cache is security state, but it only ever saves a round trip: a corrupt, unreadable or odd entry is
 * treated as absent, which means "fetch again", never "trust".
 */
import type { PoshCacheEntry } from '../../../app/domain/trust-records.js';

import { decodeStrictBase64, encodeBase64 } from '../../encoding/base64.js';
import { DIGEST_LENGTH } from './fingerprints.js';
import { MAX_POSH_LIFETIME_SECONDS, type PoshFingerprint, type PoshMaterial } from './material.js';

export type { PoshCacheEntry };

/** Where entries live between runs; the crash-safe file version lives in main/store/. */
export interface PoshCachePersistence {
  load(): Promise<readonly PoshCacheEntry[]>;
  save(entries: readonly PoshCacheEntry[]): Promise<void>;
}

/** In-memory persistence for tests and for running without a user-data directory. */
export function createMemoryPoshCachePersistence(initial: readonly PoshCacheEntry[] = []): PoshCachePersistence {
  let entries: readonly PoshCacheEntry[] = [...initial];
  return {
    load: () => Promise.resolve(entries),
    save: (next) => {
      entries = [...next];
      return Promise.resolve();
    },
  };
}

const MAX_LIFETIME_MS = MAX_POSH_LIFETIME_SECONDS * 1000;

export function cacheEntryFromMaterial(material: PoshMaterial, fetchedAt: Date): PoshCacheEntry {
  const lifetimeMs = Math.min(material.lifetimeSeconds * 1000, MAX_LIFETIME_MS);
  return {
    domain: material.domain,
    format: material.format,
    fetchedAt: fetchedAt.toISOString(),
    expiresAt: new Date(fetchedAt.getTime() + lifetimeMs).toISOString(),
    fingerprints: material.fingerprints.map((fingerprint) => ({
      hash: fingerprint.hash,
      value: encodeBase64(fingerprint.digest),
      url: fingerprint.url,
    })),
  };
}

export type CacheFreshness = { readonly fresh: true } | { readonly fresh: false; readonly reason: string };

export function cacheFreshness(entry: PoshCacheEntry, now: Date): CacheFreshness {
  const fetched = Date.parse(entry.fetchedAt);
  const expires = Date.parse(entry.expiresAt);
  if (Number.isNaN(fetched) || Number.isNaN(expires)) return { fresh: false, reason: 'the entry has unreadable times' };
  // A fetch time in the future means the clock moved back: the entry's age is unknown, so it is not reused.
  if (fetched > now.getTime()) return { fresh: false, reason: 'the entry was fetched in the future' };
  // Re-apply the 30-day cap on read, so a hand-edited or older file cannot stretch a lifetime.
  if (expires - fetched > MAX_LIFETIME_MS) return { fresh: false, reason: 'the entry claims more than 30 days' };
  if (now.getTime() >= expires) return { fresh: false, reason: `the entry expired at ${entry.expiresAt}` };
  return { fresh: true };
}

/** Rebuild material from an entry, or null when anything in it is malformed. */
export function materialFromCacheEntry(entry: PoshCacheEntry, now: Date): PoshMaterial | null {
  if (entry.format !== 'rfc7711' && entry.format !== 'seed') return null;
  if (entry.fingerprints.length === 0) return null;
  const fingerprints: PoshFingerprint[] = [];
  for (const stored of entry.fingerprints) {
    const length = Object.prototype.hasOwnProperty.call(DIGEST_LENGTH, stored.hash) ? DIGEST_LENGTH[stored.hash] : null;
    // sha-1 only ever comes from the seed's x5t; an RFC entry holding one was not written by us.
    if (length === null || (stored.hash === 'sha-1') !== (entry.format === 'seed')) return null;
    const digest = decodeStrictBase64(stored.value);
    if (digest === null || digest.byteLength !== length) return null;
    fingerprints.push({ hash: stored.hash, digest, url: stored.url });
  }
  const remainingSeconds = Math.max(0, Math.floor((Date.parse(entry.expiresAt) - now.getTime()) / 1000));
  return { domain: entry.domain, format: entry.format, fingerprints, lifetimeSeconds: remainingSeconds };
}

export interface FreshCacheHit {
  readonly entry: PoshCacheEntry;
  readonly material: PoshMaterial;
}

export interface PoshCache {
  /** Fresh, well-formed material for the domain, or null. */
  fresh(domain: string, now: Date): Promise<FreshCacheHit | null>;
  store(material: PoshMaterial, fetchedAt: Date): Promise<PoshCacheEntry>;
  forget(domain: string): Promise<void>;
  list(): Promise<readonly PoshCacheEntry[]>;
}

/**
 * A cache over the injected persistence. Operations run one after another so two connections finishing
 * together cannot interleave a load and a save. A failed load starts empty; a failed save is reported
 * and the in-memory state stays correct for this run.
 */
export function createPoshCache(
  persistence: PoshCachePersistence,
  onPersistenceError: (error: unknown) => void = () => {},
): PoshCache {
  let entries: Map<string, PoshCacheEntry> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(task: (map: Map<string, PoshCacheEntry>) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      if (entries === null) {
        try {
          entries = new Map((await persistence.load()).map((entry) => [entry.domain, entry]));
        } catch (error) {
          onPersistenceError(error);
          entries = new Map();
        }
      }
      return task(entries);
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const persist = async (map: Map<string, PoshCacheEntry>): Promise<void> => {
    try {
      await persistence.save([...map.values()]);
    } catch (error) {
      onPersistenceError(error);
    }
  };

  return {
    fresh: (domain, now) =>
      serial(async (map) => {
        const entry = map.get(domain);
        if (entry === undefined || !cacheFreshness(entry, now).fresh) return null;
        const material = materialFromCacheEntry(entry, now);
        return material === null ? null : { entry, material };
      }),
    store: (material, fetchedAt) =>
      serial(async (map) => {
        const entry = cacheEntryFromMaterial(material, fetchedAt);
        // Drop entries that can no longer be used while writing anyway.
        for (const [domain, existing] of map) {
          if (!cacheFreshness(existing, fetchedAt).fresh) map.delete(domain);
        }
        map.set(entry.domain, entry);
        await persist(map);
        return entry;
      }),
    forget: (domain) =>
      serial(async (map) => {
        if (map.delete(domain)) await persist(map);
      }),
    list: () => serial(async (map) => [...map.values()]),
  };
}
