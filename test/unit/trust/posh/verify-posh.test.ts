/**
 * Verifier behaviour that needs no network: answers from the cache, and failures of the lookup. The
 * lookup's dial hook refuses every connection (and counts attempts), so no socket is ever opened.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoshHash } from '../../../../app/domain/trust.js';
import {
  createMemoryPoshCachePersistence,
  type PoshCacheEntry,
} from '../../../../main/trust/posh/posh-cache.js';
import { createPoshVerifier } from '../../../../main/trust/posh/verify-posh.js';
import { createTestCertificate, type TestCertificate } from '../../../harness/test-pki.js';

const NOW = new Date('2030-01-15T00:00:00Z');
const SOURCE = 'https://hosting.test/.well-known/posh/xmpp-client.json';
let leaf: TestCertificate;
let other: TestCertificate;

beforeAll(async () => {
  const validity = { notBefore: new Date('2030-01-01T00:00:00Z'), notAfter: new Date('2030-02-01T00:00:00Z') };
  leaf = await createTestCertificate({ commonName: 'hosting.test', dnsNames: ['hosting.test'], ...validity });
  other = await createTestCertificate({ commonName: 'other.test', dnsNames: ['other.test'], ...validity });
});

const digest = (der: Uint8Array, algorithm: string): string => createHash(algorithm).update(der).digest('base64');

function entryFor(der: Uint8Array, options: { hash?: PoshHash; fetchedAt?: Date; seconds?: number } = {}): PoshCacheEntry {
  const hash = options.hash ?? 'sha-256';
  const fetchedAt = options.fetchedAt ?? new Date('2030-01-14T00:00:00Z');
  return {
    domain: 'hosted.test',
    format: hash === 'sha-1' ? 'seed' : 'rfc7711',
    fetchedAt: fetchedAt.toISOString(),
    expiresAt: new Date(fetchedAt.getTime() + (options.seconds ?? 7 * 24 * 3600) * 1000).toISOString(),
    fingerprints: [{ hash, value: digest(der, hash.replace('-', '')), url: SOURCE }],
  };
}

function offlineVerifier(entries: readonly PoshCacheEntry[], now: Date = NOW) {
  const dials: string[] = [];
  const persistence = createMemoryPoshCachePersistence(entries);
  const verifier = createPoshVerifier({
    now: () => now,
    persistence,
    fetchOptions: {
      connectTo: (host) => {
        dials.push(host);
        throw new Error('offline test: no network');
      },
    },
  });
  return { verifier, dials, persistence };
}

describe('createPoshVerifier: answers from fresh cached material', () => {
  it('verifies without touching the network, with a cache step and the cached expiry', async () => {
    const entry = entryFor(leaf.der);
    const { verifier, dials } = offlineVerifier([entry]);
    const result = await verifier.start('Hosted.TEST').verify(leaf.der);
    expect(result.status).toBe('verified');
    expect(result.domain).toBe('hosted.test');
    expect(result.format).toBe('rfc7711');
    expect(result.expires).toBe(entry.expiresAt);
    expect(result.match).toEqual({ hash: 'sha-256', fingerprint: entry.fingerprints[0]?.value, url: SOURCE });
    expect(result.steps).toEqual([expect.objectContaining({ kind: 'cache', url: SOURCE, status: null })]);
    expect(dials).toEqual([]);
  });

  it('a seed-format cache entry verifies as sha-1 and says so', async () => {
    const { verifier } = offlineVerifier([entryFor(leaf.der, { hash: 'sha-1' })]);
    const result = await verifier.start('hosted.test').verify(leaf.der);
    expect(result.status).toBe('verified');
    expect(result.match?.hash).toBe('sha-1');
    expect(result.reason).toMatch(/SHA-1, seed format/);
  });

  it('a matching fingerprint for an expired certificate is not verified, and no refetch is made', async () => {
    const { verifier, dials } = offlineVerifier([entryFor(leaf.der, { fetchedAt: new Date('2030-02-01T12:00:00Z') })], new Date('2030-02-02T00:00:00Z'));
    const result = await verifier.start('hosted.test').verify(leaf.der);
    expect(result.status).toBe('error');
    expect(result.match).toBeNull();
    expect(result.reason).toMatch(/matches POSH but expired/);
    expect(dials).toEqual([]);
  });

  it('stale material is not used: the lookup starts over at the domain (here it cannot connect)', async () => {
    const stale = entryFor(leaf.der, { fetchedAt: new Date('2030-01-01T00:00:00Z'), seconds: 3600 });
    const { verifier, dials } = offlineVerifier([stale]);
    const result = await verifier.start('hosted.test').verify(leaf.der);
    expect(result.status).toBe('error');
    expect(dials).toEqual(['hosted.test']);
    expect(result.steps[0]?.url).toBe('https://hosted.test/.well-known/posh/xmpp-client.json');
  });
});

describe('createPoshVerifier: failures never become verified', () => {
  it('cached material that does not match is discarded and fetched once more; a failed refetch is an error', async () => {
    const { verifier, dials, persistence } = offlineVerifier([entryFor(other.der)]);
    const result = await verifier.start('hosted.test').verify(leaf.der);
    expect(result.status).toBe('error');
    expect(result.match).toBeNull();
    expect(result.steps[0]).toMatchObject({ kind: 'cache', detail: expect.stringMatching(/did not match/) });
    expect(result.steps[1]).toMatchObject({ kind: 'network-error', url: 'https://hosted.test/.well-known/posh/xmpp-client.json' });
    expect(dials).toEqual(['hosted.test']);
    expect(await persistence.load()).toEqual([]);
  });

  it('a failed lookup is not cached: the next connection tries again', async () => {
    const { verifier, dials, persistence } = offlineVerifier([]);
    expect((await verifier.start('hosted.test').verify(leaf.der)).status).toBe('error');
    expect((await verifier.start('hosted.test').verify(leaf.der)).status).toBe('error');
    expect(dials).toEqual(['hosted.test', 'hosted.test']);
    expect(await persistence.load()).toEqual([]);
    expect(await verifier.list()).toEqual([]);
  });

  it('a cancelled lookup is an error', async () => {
    const { verifier } = offlineVerifier([]);
    const result = await verifier.start('hosted.test', AbortSignal.abort()).verify(leaf.der);
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/cancelled/);
  });

  it('a domain that is not a domain name is an error, with no lookup', async () => {
    const { verifier, dials } = offlineVerifier([]);
    const result = await verifier.start('evil.test/also-this').verify(leaf.der);
    expect(result.status).toBe('error');
    expect(dials).toEqual([]);
  });

  it('an unreadable leaf is an error even with matching-looking cached material', async () => {
    const { verifier } = offlineVerifier([entryFor(leaf.der)]);
    const result = await verifier.start('hosted.test').verify(new Uint8Array([1, 2, 3]));
    expect(result.status).toBe('error');
  });
});

describe('createPoshVerifier: list and forget', () => {
  it('lists entries and forgets one by domain (IDN input accepted)', async () => {
    const idn = { ...entryFor(leaf.der), domain: 'xn--bcher-kva.test' };
    const { verifier, persistence } = offlineVerifier([entryFor(leaf.der), idn]);
    expect((await verifier.list()).map((entry) => entry.domain)).toEqual(['hosted.test', 'xn--bcher-kva.test']);
    await verifier.forget('bücher.test');
    expect((await persistence.load()).map((entry) => entry.domain)).toEqual(['hosted.test']);
  });
});
