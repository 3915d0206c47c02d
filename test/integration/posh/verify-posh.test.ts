/**
 * The verifier end to end against a real HTTPS server: verdicts, the cache policy (lifetime, restart at the
 * domain's URL, refetch once on mismatch, failures never cached) and the rule that no failure is ever
 * turned into `verified`. TLS runs on the real clock; the verifier's clock is a separate, movable one.
 */
import { describe, expect, it } from 'vitest';
import type { PoshResult } from '../../../app/domain/trust.js';
import type { PoshLookupOptions } from '../../../main/trust/posh/lookup.js';
import {
  createMemoryPoshCachePersistence,
  type PoshCachePersistence,
} from '../../../main/trust/posh/posh-cache.js';
import { createPoshVerifier, type PoshVerifier } from '../../../main/trust/posh/verify-posh.js';
import type { PoshHttpsServer, PoshRoute } from '../../harness/posh-https-server.js';
import { waitUntil } from '../../harness/wait-until.js';
import {
  DOMAIN,
  fetchOptionsFor,
  fingerprint,
  fingerprintsDocument,
  HOSTING_PATH,
  HOSTING_URL,
  RFC_PATH,
  RFC_URL,
  SEED_PATH,
  usePoshServer,
  x5t,
  type PoshWorld,
} from './posh-world.js';

let world: PoshWorld;
let server: PoshHttpsServer;

usePoshServer(
  (w) => (world = w),
  (s) => (server = s),
);

/** A clock for the verifier only (cache ages); TLS validity is checked on the real clock. */
function movableClock(): { now: () => Date; advance: (seconds: number) => void } {
  let current = Date.now();
  return { now: () => new Date(current), advance: (seconds) => (current += seconds * 1000) };
}

function verifierFor(
  options: { persistence?: PoshCachePersistence; now?: () => Date; fetch?: Partial<PoshLookupOptions> } = {},
): PoshVerifier {
  return createPoshVerifier({
    fetchOptions: fetchOptionsFor(world, server, options.fetch),
    now: options.now ?? (() => new Date()),
    persistence: options.persistence ?? createMemoryPoshCachePersistence(),
  });
}

const verify = (verifier: PoshVerifier, der: Uint8Array = world.xmppLeaf.der): Promise<PoshResult> =>
  verifier.start(DOMAIN).verify(der);

describe('verdicts', () => {
  it('verified through a reference: the provider certificate proves the hosted domain', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 3600 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 600) });
    const clock = movableClock();
    const result = await verify(verifierFor({ now: clock.now }));
    expect(result).toMatchObject({
      domain: DOMAIN,
      status: 'verified',
      format: 'rfc7711',
      match: { hash: 'sha-256', fingerprint: fingerprint(world.xmppLeaf), url: HOSTING_URL },
      expires: new Date(clock.now().getTime() + 600_000).toISOString(),
    });
    expect(result.steps.map((step) => [step.url, step.status, step.kind])).toEqual([
      [RFC_URL, 200, 'reference'],
      [HOSTING_URL, 200, 'fingerprints'],
    ]);
  });

  it('rollover: either published certificate verifies', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf, world.xmppNextLeaf]) });
    const verifier = verifierFor();
    expect((await verify(verifier, world.xmppLeaf.der)).status).toBe('verified');
    expect((await verify(verifier, world.xmppNextLeaf.der)).status).toBe('verified');
  });

  it('seed format verifies through SHA-1 and says so', async () => {
    server.route(DOMAIN, SEED_PATH, { kind: 'json', body: { keys: [{ kty: 'EC', x5t: x5t(world.xmppLeaf) }], expires: 600 } });
    const result = await verify(verifierFor());
    expect(result).toMatchObject({ status: 'verified', format: 'seed', match: { hash: 'sha-1', fingerprint: x5t(world.xmppLeaf) } });
    expect(result.reason).toMatch(/SHA-1, seed format/);
  });

  it('only a hash of another certificate published: mismatch', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppNextLeaf]) });
    const result = await verify(verifierFor());
    expect(result).toMatchObject({ status: 'mismatch', match: null, format: 'rfc7711' });
  });

  it('a hash that does not fit its name (sha-512 of the right certificate labelled sha-384) is invalid', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { fingerprints: [{ 'sha-384': fingerprint(world.xmppLeaf, 'sha512') }], expires: 60 } });
    expect((await verify(verifierFor())).status).toBe('invalid');
  });

  it('the matching fingerprint of an expired XMPP certificate is not verified, and the reason says so', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppExpiredLeaf]) });
    const result = await verify(verifierFor(), world.xmppExpiredLeaf.der);
    expect(result.status).toBe('error');
    expect(result.match).toBeNull();
    expect(result.reason).toMatch(/matches POSH but expired/);
  });

  it('absent when nothing is published', async () => {
    expect(await verify(verifierFor())).toMatchObject({ status: 'absent', match: null, expires: null });
  });

  it('start() begins the lookup before verify() is called (it needs no certificate)', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const pending = verifierFor().start(DOMAIN);
    await waitUntil(() => server.requests.length > 0, 'the lookup to reach the server');
    expect(server.requests).toHaveLength(1);
    expect((await pending.verify(world.xmppLeaf.der)).status).toBe('verified');
  });
});

describe('failures are never verified', () => {
  // Each scenario has the right fingerprint close at hand, so a lenient path would wrongly verify.
  const good = (): unknown => fingerprintsDocument([world.xmppLeaf]);
  const scenarios: ReadonlyArray<[string, () => void, PoshResult['status']]> = [
    ['403 with the right document as body', () => server.route(DOMAIN, RFC_PATH, { kind: 'json', status: 403, body: good() }), 'error'],
    ['500 with the right document as body', () => server.route(DOMAIN, RFC_PATH, { kind: 'json', status: 500, body: good() }), 'error'],
    ['expires 0 on the right fingerprint', () => server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 0) }), 'invalid'],
    ['expires missing', () => server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { fingerprints: [{ 'sha-256': fingerprint(world.xmppLeaf) }] } }), 'invalid'],
    ['both url and fingerprints', () => server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { ...fingerprintsDocument([world.xmppLeaf]), url: HOSTING_URL } }), 'invalid'],
    ['malformed JSON around the right value', () => server.route(DOMAIN, RFC_PATH, { kind: 'text', body: JSON.stringify(good()).slice(0, -1) }), 'invalid'],
    ['redirect to http where the document waits', () => server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 301, location: 'http://example.test/posh.json' }), 'error'],
    ['redirect loop', () => {
      server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: '/a' });
      server.route(DOMAIN, '/a', { kind: 'redirect', status: 302, location: RFC_PATH });
    }, 'error'],
    ['reference to a reference to the right document', () => {
      server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 60 } });
      server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: { url: 'https://hosting.test/real.json', expires: 60 } });
      server.route('hosting.test', '/real.json', { kind: 'json', body: good() });
    }, 'error'],
    ['the right document served by a host with an untrusted certificate', () => {
      server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: 'https://untrusted.test/posh.json', expires: 60 } });
      server.route('untrusted.test', '/posh.json', { kind: 'json', body: good() });
    }, 'error'],
    ['the right document behind a wrong-name certificate', () => {
      server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: 'https://wrongname.test/posh.json' });
      server.route('wrongname.test', '/posh.json', { kind: 'json', body: good() });
    }, 'error'],
    ['the right document, too slowly', () => server.route(DOMAIN, RFC_PATH, { kind: 'slow', body: JSON.stringify(good()), delayMs: 3_000 }), 'error'],
    ['the right document followed by too much', () => server.route(DOMAIN, RFC_PATH, { kind: 'text', body: JSON.stringify(good()).padEnd(70_000, ' ') }), 'error'],
  ];

  it.each(scenarios)('%s', async (_name, arrange, expected) => {
    arrange();
    const persistence = createMemoryPoshCachePersistence();
    const result = await verify(verifierFor({ persistence, fetch: { requestTimeoutMs: 300 } }));
    expect(result.status).toBe(expected);
    expect(result.match).toBeNull();
    expect(result.expires).toBeNull();
    expect(await persistence.load()).toEqual([]);
  });

  it('stale cached material that matched is not used when the refetch fails', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 60) });
    const clock = movableClock();
    const persistence = createMemoryPoshCachePersistence();
    const verifier = verifierFor({ persistence, now: clock.now });
    expect((await verify(verifier)).status).toBe('verified');
    server.route(DOMAIN, RFC_PATH, { kind: 'status', status: 503 });
    clock.advance(61);
    const result = await verify(verifier);
    expect(result.status).toBe('error');
    expect(await persistence.load()).toEqual([]);
  });
});

describe('cache', () => {
  it('reuses material until it expires (min of both expires through a reference), then fetches again', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 3600 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 600) });
    const clock = movableClock();
    const verifier = verifierFor({ now: clock.now });
    expect((await verify(verifier)).status).toBe('verified');
    expect(server.requests).toHaveLength(2);

    clock.advance(599);
    const cached = await verify(verifier);
    expect(cached.status).toBe('verified');
    expect(cached.steps.map((step) => step.kind)).toEqual(['cache']);
    expect(server.requests).toHaveLength(2);

    clock.advance(1);
    const refreshed = await verify(verifier);
    expect(refreshed.steps.map((step) => step.kind)).toEqual(['reference', 'fingerprints']);
    expect(server.requests).toHaveLength(4);
  });

  it('a huge expires is cached for 30 days at most', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 10 ** 9) });
    const clock = movableClock();
    const persistence = createMemoryPoshCachePersistence();
    const verifier = verifierFor({ now: clock.now, persistence });
    const first = await verify(verifier);
    expect(first.expires).toBe(new Date(clock.now().getTime() + 30 * 24 * 3600 * 1000).toISOString());
    clock.advance(30 * 24 * 3600 - 1);
    expect((await verify(verifier)).steps.map((step) => step.kind)).toEqual(['cache']);
    clock.advance(1);
    expect((await verify(verifier)).steps.map((step) => step.kind)).toEqual(['fingerprints']);
  });

  it('stale material starts over at the domain URL, never at the cached reference url', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 60 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 60) });
    const clock = movableClock();
    const verifier = verifierFor({ now: clock.now });
    expect((await verify(verifier)).match?.url).toBe(HOSTING_URL);

    // The domain now publishes other material directly; the old provider still serves the old document.
    server.reset();
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppNextLeaf], 60) });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 60) });
    clock.advance(61);

    const result = await verify(verifier, world.xmppLeaf.der);
    expect(server.requests.map((request) => `${request.host}${request.path}`)).toEqual([`${DOMAIN}${RFC_PATH}`]);
    expect(result.status).toBe('mismatch');
    expect((await verify(verifier, world.xmppNextLeaf.der)).match?.url).toBe(RFC_URL);
  });

  it('cached material that does not match is discarded and fetched once more: a rollover verifies', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 3600) });
    const persistence = createMemoryPoshCachePersistence();
    const verifier = verifierFor({ persistence });
    expect((await verify(verifier, world.xmppLeaf.der)).status).toBe('verified');

    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppNextLeaf], 3600) });
    const result = await verify(verifier, world.xmppNextLeaf.der);
    expect(result.status).toBe('verified');
    expect(result.steps.map((step) => step.kind)).toEqual(['cache', 'fingerprints']);
    expect(result.steps[0]?.detail).toMatch(/did not match/);
    expect(server.requests).toHaveLength(2);
    const [entry] = await persistence.load();
    expect(entry?.fingerprints.map((f) => f.value)).toEqual([fingerprint(world.xmppNextLeaf)]);
  });

  it('refetches only once: still no match after the refetch is a mismatch', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 3600) });
    const verifier = verifierFor();
    await verify(verifier, world.xmppLeaf.der);
    const result = await verify(verifier, world.xmppNextLeaf.der);
    expect(result.status).toBe('mismatch');
    expect(result.steps.map((step) => step.kind)).toEqual(['cache', 'fingerprints']);
    expect(server.requests).toHaveLength(2);
  });

  it('failures are not cached: a 404 today does not stop tomorrow\'s lookup, nor hide a later document', async () => {
    const verifier = verifierFor();
    expect((await verify(verifier)).status).toBe('absent');
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    expect((await verify(verifier)).status).toBe('verified');
  });

  it('a later absent answer removes the cached entry', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 60) });
    const clock = movableClock();
    const persistence = createMemoryPoshCachePersistence();
    const verifier = verifierFor({ now: clock.now, persistence });
    await verify(verifier);
    expect(await persistence.load()).toHaveLength(1);
    server.unroute(DOMAIN, RFC_PATH);
    clock.advance(60);
    expect((await verify(verifier)).status).toBe('absent');
    expect(await persistence.load()).toEqual([]);
  });

  it('survives a restart through the persistence, and list/forget manage it', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 3600) });
    const persistence = createMemoryPoshCachePersistence();
    await verify(verifierFor({ persistence }));
    expect(server.requests).toHaveLength(1);

    const afterRestart = verifierFor({ persistence });
    expect((await verify(afterRestart)).steps.map((step) => step.kind)).toEqual(['cache']);
    expect(server.requests).toHaveLength(1);
    expect((await afterRestart.list()).map((entry) => [entry.domain, entry.format])).toEqual([[DOMAIN, 'rfc7711']]);

    await afterRestart.forget(DOMAIN);
    expect(await afterRestart.list()).toEqual([]);
    expect((await verify(afterRestart)).steps.map((step) => step.kind)).toEqual(['fingerprints']);
    expect(server.requests).toHaveLength(2);
  });
});

describe('cancellation', () => {
  it('aborting the start signal ends a hanging lookup as an error', async () => {
    const route: PoshRoute = { kind: 'hang' };
    server.route(DOMAIN, RFC_PATH, route);
    const controller = new AbortController();
    const pending = verifierFor().start(DOMAIN, controller.signal);
    // Cancelled while the request hangs at the server, not before it was made.
    await waitUntil(() => server.requests.some((r) => r.path === RFC_PATH), 'the request to reach the server');
    controller.abort();
    const result = await pending.verify(world.xmppLeaf.der);
    expect(result.status).toBe('error');
    expect(result.match).toBeNull();
  });
});
