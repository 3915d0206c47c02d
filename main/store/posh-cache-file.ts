/**
 * The POSH cache on disk (posh.md §6: security state, kept with the pin store's crash-safety rules). The file
 * only ever saves a round trip: a damaged file is moved aside and reported, and the cache starts empty,
 * which means "fetch again", never "trust". Freshness and meaning of entries stay with main/trust/posh/.
 */
import { z } from 'zod';
import type { PoshCacheEntry, PoshCachePersistence } from '../trust/posh/posh-cache.js';
import { isoTime } from './schemas.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const POSH_CACHE_FILE_SCHEMA = 'hostproof.posh-cache';
export const POSH_CACHE_FILE_VERSION = 1;

export type PoshCacheFileOptions = JsonStoreOptions;

const httpsUrl = z
  .string()
  .max(4096)
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'not an https URL');

const entrySchema = z.object({
  domain: z.string().min(1).max(253),
  format: z.enum(['rfc7711', 'seed']),
  fetchedAt: isoTime,
  expiresAt: isoTime,
  fingerprints: z
    .array(
      z.object({
        hash: z.enum(['sha-256', 'sha-384', 'sha-512', 'sha-1']),
        // Standard base64 of a digest (at most 64 bytes → 88 characters); strictness is posh-cache.ts's job.
        value: z.string().regex(/^[A-Za-z0-9+/]{1,88}={0,2}$/, 'not base64'),
        url: httpsUrl,
      }),
    )
    .min(1)
    .max(1000),
}) satisfies z.ZodType<PoshCacheEntry>;

const entryListSchema = z.array(entrySchema).max(100_000);

export function createPoshCacheFile(options: PoshCacheFileOptions): PoshCachePersistence {
  const file = createVersionedJsonFile<PoshCacheEntry[]>({
    file: options.file,
    schema: POSH_CACHE_FILE_SCHEMA,
    version: POSH_CACHE_FILE_VERSION,
    data: entryListSchema,
    empty: () => [],
    label: 'POSH cache',
    consequence: 'Nothing is lost: POSH documents will simply be fetched again.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });

  return {
    load: () => file.read(),
    save: async (entries) => {
      await file.update(() => [...entries]);
    },
  };
}
