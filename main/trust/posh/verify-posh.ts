/**
 * What the trust engine calls: `start(domain)` as soon as a connection begins (alongside DNS), then
 * `verify(leafDer)` once the TLS handshake has produced the leaf certificate.
 *
 * Only one function below produces `status: 'verified'`, and only from a `match` outcome, which needs
 * material, which only a successfully fetched and parsed document (or a fresh cache entry made from one)
 * yields. Every failure (fetch, parse, timeout, cancellation, an unexpected exception) ends as absent,
 * invalid or error.
 */
import type { PoshResult, PoshStep } from '../../../app/domain/trust.js';
import type { NameLookup } from '../../net/name-lookup.js';
import { lookupPosh, type PoshLookupOptions, type PoshLookupOutcome } from './lookup.js';
import { matchPoshMaterial, type PoshMatchOutcome } from './match.js';
import type { PoshMaterial } from './material.js';
import {
  createPoshCache,
  type FreshCacheHit,
  type PoshCacheEntry,
  type PoshCachePersistence,
} from './posh-cache.js';
import { asciiDomain, domainForPeople, parseDomain } from '../../../app/domain/address/domain-name.js';

export interface PoshVerifierOptions {
  /** Roots, lookup, connectTo and time limits for every lookup this verifier makes. */
  readonly fetchOptions: Omit<PoshLookupOptions, 'signal'>;
  /**
   * The roots for one lookup, read when it starts (the OS's plus the authorities the user added, which may
   * change while the app runs); when given, it replaces `fetchOptions.ca`.
   */
  readonly roots?: () => Promise<readonly string[]>;
  readonly now: () => Date;
  readonly persistence: PoshCachePersistence;
  /** Told when the cache could not be loaded or saved; verification carries on without it. */
  readonly onPersistenceError?: (error: unknown) => void;
}

export interface PendingPosh {
  readonly domain: string;
  /** Wait for the lookup (bounded by its deadline) and match the presented leaf certificate (DER). */
  verify(leafDer: Uint8Array): Promise<PoshResult>;
}

export interface PoshVerifier {
  /**
   * Begin now: answer from fresh cached material, or start the lookup immediately. `lookup`: the connection
   * attempt's name resolution (one DNS cache shared with the XMPP connection), in place of `fetchOptions.lookup`.
   */
  start(domain: string, signal?: AbortSignal, lookup?: NameLookup): PendingPosh;
  /** Every cache entry, for the UI. */
  list(): Promise<readonly PoshCacheEntry[]>;
  forget(domain: string): Promise<void>;
}

interface FromNetwork {
  readonly kind: 'network';
  readonly outcome: PoshLookupOutcome;
  /** When material was found and stored: its cache expiry. */
  readonly expiresAt: string | null;
}

type Source = { readonly kind: 'cache'; readonly hit: FreshCacheHit } | FromNetwork;

export function createPoshVerifier(options: PoshVerifierOptions): PoshVerifier {
  const cache = createPoshCache(options.persistence, options.onPersistenceError);

  const fetchFresh = async (domain: string, signal: AbortSignal | undefined, lookup: NameLookup | undefined): Promise<FromNetwork> => {
    const ca = options.roots ? await options.roots() : options.fetchOptions.ca;
    const outcome = await lookupPosh(domain, { ...options.fetchOptions, ...(ca ? { ca } : {}), ...(signal ? { signal } : {}), ...(lookup ? { lookup } : {}) });
    if (outcome.kind === 'material') {
      const entry = await cache.store(outcome.material, options.now());
      return { kind: 'network', outcome, expiresAt: entry.expiresAt };
    }
    // Failures are never cached; what the domain published before no longer stands either.
    await cache.forget(domain);
    return { kind: 'network', outcome, expiresAt: null };
  };

  const start = (input: string, signal?: AbortSignal, lookup?: NameLookup): PendingPosh => {
    const parsed = parseDomain(input);
    if (!parsed.ok) {
      const result = failed(input, null, [], 'error', parsed.problem.message);
      return { domain: input, verify: () => Promise.resolve(result) };
    }
    const domain = parsed.value.ascii;
    const first = (async (): Promise<Source> => {
      const hit = await cache.fresh(domain, options.now());
      return hit !== null ? { kind: 'cache', hit } : fetchFresh(domain, signal, lookup);
    })();
    // verify() may never be called (the connection failed first): keep a rejection from going unhandled.
    first.catch(() => undefined);

    const verify = async (leafDer: Uint8Array): Promise<PoshResult> => {
      try {
        const source = await first;
        if (source.kind === 'network') return fromNetwork(domain, source, leafDer, [], options.now());

        const { entry, material } = source.hit;
        const outcome = matchPoshMaterial(material, leafDer, options.now());
        const cacheStep: PoshStep = {
          url: entry.fingerprints[0]?.url ?? '',
          status: null,
          kind: 'cache',
          detail: `material fetched ${entry.fetchedAt}, reusable until ${entry.expiresAt}`,
        };
        if (outcome.kind !== 'no-match') return fromMatch(domain, material, outcome, [cacheStep], entry.expiresAt);

        // Policy: cached material that does not match is discarded and fetched once more before deciding;
        // the certificate may have rolled over since the entry was made.
        await cache.forget(domain);
        const refreshed = await fetchFresh(domain, signal, lookup);
        const discarded: PoshStep = {
          ...cacheStep,
          detail: `material fetched ${entry.fetchedAt} did not match the presented certificate: discarded, fetched again`,
        };
        return fromNetwork(domain, refreshed, leafDer, [discarded], options.now());
      } catch (error) {
        return failed(domain, null, [], 'error', `POSH could not be checked: ${String(error)}`);
      }
    };
    return { domain, verify };
  };

  return { start, list: () => cache.list(), forget: (domain) => cache.forget(asciiDomain(domain) ?? domain) };
}

function fromNetwork(
  domain: string,
  source: FromNetwork,
  leafDer: Uint8Array,
  before: readonly PoshStep[],
  now: Date,
): PoshResult {
  const { outcome } = source;
  const steps = [...before, ...outcome.steps];
  if (outcome.kind !== 'material') return failed(domain, outcome.format, steps, outcome.kind, outcome.reason);
  return fromMatch(domain, outcome.material, matchPoshMaterial(outcome.material, leafDer, now), steps, source.expiresAt);
}

/** The only place a `verified` result is made. */
function fromMatch(
  domain: string,
  material: PoshMaterial,
  outcome: PoshMatchOutcome,
  steps: readonly PoshStep[],
  expires: string | null,
): PoshResult {
  const base = { domain, format: material.format, steps, expires };
  const named = domainForPeople(domain); // in sentences; the URLs keep the A-label they were fetched from
  switch (outcome.kind) {
    case 'match': {
      const { match } = outcome;
      const reason =
        match.hash === 'sha-1'
          ? `Verified (SHA-1, seed format): the certificate's SHA-1 thumbprint is published for ${named} at ${match.url}`
          : `${named} delegates its chat service to the holder of this certificate: its ${match.hash} fingerprint is published at ${match.url}`;
      return { ...base, status: 'verified', match, reason };
    }
    case 'no-match':
      return { ...base, status: 'mismatch', match: null, reason: `${named} publishes POSH material, but ${outcome.reason}` };
    case 'outside-validity':
      // The fingerprint is right but the certificate is not valid now (a time failure, RFC 7711 §4): never a
      // match. Not 'mismatch' either: the domain's statement does not contradict this server, the clock does.
      return { ...base, status: 'error', match: null, reason: `Not verified: ${outcome.reason}` };
    case 'unreadable-certificate':
      return { ...base, status: 'error', match: null, reason: outcome.reason };
  }
}

function failed(
  domain: string,
  format: PoshResult['format'],
  steps: readonly PoshStep[],
  status: 'absent' | 'invalid' | 'error',
  reason: string,
): PoshResult {
  return { domain, status, format, steps, expires: null, match: null, reason };
}
