/**
 * The POSH walk against a real HTTPS server on 127.0.0.1 with a generated CA: one server plays every
 * host through SNI; each test starts its own server and closes it.
 */
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../../main/encoding/base64.js';
import { lookupPosh, type PoshLookupOutcome } from '../../../main/trust/posh/lookup.js';
import type { PoshHttpsServer, RedirectStatus } from '../../harness/posh-https-server.js';
import { createTestCertificate } from '../../harness/test-pki.js';
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
  SEED_URL,
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

const lookup = (extra: Parameters<typeof fetchOptionsFor>[2] = {}): Promise<PoshLookupOutcome> =>
  lookupPosh(DOMAIN, fetchOptionsFor(world, server, extra));

function expectMaterial(outcome: PoshLookupOutcome): Extract<PoshLookupOutcome, { kind: 'material' }> {
  if (outcome.kind !== 'material') throw new Error(`expected material, got ${outcome.kind}: ${outcome.reason}`);
  return outcome;
}

const stepKinds = (outcome: PoshLookupOutcome): string[] => outcome.steps.map((step) => `${step.kind} ${step.status ?? '-'}`);
const requested = (): string[] => server.requests.map((request) => `${request.host}${request.path}`);

describe('documents', () => {
  it('direct fingerprints at the RFC URL: material with the published digest, source URL and expires', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 86400) });
    const outcome = expectMaterial(await lookup());
    expect(outcome.material).toMatchObject({ domain: DOMAIN, format: 'rfc7711', lifetimeSeconds: 86400 });
    expect(outcome.material.fingerprints.map((f) => [f.hash, encodeBase64(f.digest), f.url])).toEqual([
      ['sha-256', fingerprint(world.xmppLeaf), RFC_URL],
    ]);
    expect(outcome.steps).toEqual([{ url: RFC_URL, status: 200, kind: 'fingerprints', detail: expect.stringContaining('sha-256') }]);
  });

  it('sends SNI and Host for the URL host, asks caches to step aside, and fetches the seed URL only on 404', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    await lookup();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ host: DOMAIN, servername: DOMAIN, path: RFC_PATH });
    expect(server.requests[0]?.headers['cache-control']).toBe('no-cache');
  });

  it('reference: follows url once; lifetime is the smaller of the two expires; the digest is credited to the target URL', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 600 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 7200) });
    const outcome = expectMaterial(await lookup());
    expect(outcome.material.lifetimeSeconds).toBe(600);
    expect(outcome.material.fingerprints[0]?.url).toBe(HOSTING_URL);
    expect(stepKinds(outcome)).toEqual(['reference 200', 'fingerprints 200']);
    expect(server.requests.map((r) => r.servername)).toEqual([DOMAIN, 'hosting.test']);
  });

  it('the smaller expires may also be the target one', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 7200 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 300) });
    expect(expectMaterial(await lookup()).material.lifetimeSeconds).toBe(300);
  });

  it('seed draft: RFC URL 404, then the seed JWK set; x5t yields sha-1 material', async () => {
    server.route(DOMAIN, SEED_PATH, { kind: 'json', body: { keys: [{ kty: 'EC', x5t: x5t(world.xmppLeaf) }], expires: 900 } });
    const outcome = expectMaterial(await lookup());
    expect(outcome.material.format).toBe('seed');
    expect(outcome.material.fingerprints.map((f) => [f.hash, Buffer.from(f.digest).toString('base64url'), f.url])).toEqual([
      ['sha-1', x5t(world.xmppLeaf), SEED_URL],
    ]);
    expect(stepKinds(outcome)).toEqual(['not-found 404', 'jwk-set 200']);
  });

  it('seed reference to a seed JWK set at the provider', async () => {
    server.route(DOMAIN, SEED_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 900 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: { keys: [{ kty: 'EC', x5t: x5t(world.xmppLeaf) }], expires: 60 } });
    const outcome = expectMaterial(await lookup());
    expect(outcome.material).toMatchObject({ format: 'seed', lifetimeSeconds: 60 });
    expect(stepKinds(outcome)).toEqual(['not-found 404', 'reference 200', 'jwk-set 200']);
  });

  it('a seed JWK set without expires (like the sample) is invalid', async () => {
    server.route(DOMAIN, SEED_PATH, { kind: 'json', body: { keys: [{ kty: 'EC', x5t: x5t(world.xmppLeaf) }] } });
    const outcome = await lookup();
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind !== 'material' && outcome.format).toBe('seed');
  });

  it('no POSH at either URL: absent', async () => {
    const outcome = await lookup();
    expect(outcome.kind).toBe('absent');
    expect(outcome.steps).toEqual([
      { url: RFC_URL, status: 404, kind: 'not-found', detail: expect.any(String) },
      { url: SEED_URL, status: 404, kind: 'not-found', detail: expect.any(String) },
    ]);
  });

  it('reference to a reference: error, and the second url is not fetched', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 600 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'json', body: { url: 'https://hosting.test/third.json', expires: 600 } });
    server.route('hosting.test', '/third.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['reference 200', 'reference 200', 'budget-exceeded -']);
    expect(requested()).not.toContain('hosting.test/third.json');
  });

  it('a reference whose target is 404 is an error, not absent', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 600 } });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['reference 200', 'not-found 404']);
  });

  it('a reference with an http url is invalid and not followed', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: 'http://hosting.test/posh.json', expires: 600 } });
    expect((await lookup()).kind).toBe('invalid');
    expect(server.requests).toHaveLength(1);
  });
});

describe('invalid documents', () => {
  it.each<[string, unknown]>([
    ['both url and fingerprints', { url: HOSTING_URL, fingerprints: [{ 'sha-256': 'x' }], expires: 60 }],
    ['expires 0', { fingerprints: [{ 'sha-256': 'AAAA' }], expires: 0 }],
    ['expires missing', { fingerprints: [{ 'sha-256': 'AAAA' }] }],
    ['expires negative', { fingerprints: [{ 'sha-256': 'AAAA' }], expires: -60 }],
    ['expires a string', { fingerprints: [{ 'sha-256': 'AAAA' }], expires: '60' }],
    ['a fingerprint of the wrong length', { fingerprints: [{ 'sha-256': 'AAAA' }], expires: 60 }],
  ])('%s', async (_name, body) => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body });
    const outcome = await lookup();
    expect(outcome.kind).toBe('invalid');
    expect(stepKinds(outcome)).toEqual(['invalid-document 200']);
    expect(requested()).toEqual([`${DOMAIN}${RFC_PATH}`]);
  });

  it('malformed JSON', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'text', body: '{"fingerprints": [{"sha-256": ' });
    expect((await lookup()).kind).toBe('invalid');
  });

  it('a huge expires is capped at 30 days', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf], 10 ** 10) });
    expect(expectMaterial(await lookup()).material.lifetimeSeconds).toBe(30 * 24 * 60 * 60);
  });

  it('any Content-Type is accepted', async () => {
    server.route(DOMAIN, RFC_PATH, {
      kind: 'text',
      body: JSON.stringify(fingerprintsDocument([world.xmppLeaf])),
      contentType: 'text/plain',
    });
    expect((await lookup()).kind).toBe('material');
  });
});

describe('redirects', () => {
  it.each<RedirectStatus>([301, 302, 303, 307, 308])('%i is followed by hand to an https location', async (status) => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status, location: 'https://hosting.test/moved.json' });
    server.route('hosting.test', '/moved.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = expectMaterial(await lookup());
    expect(outcome.steps).toEqual([
      { url: RFC_URL, status, kind: 'redirect', detail: 'to https://hosting.test/moved.json' },
      { url: 'https://hosting.test/moved.json', status: 200, kind: 'fingerprints', detail: expect.any(String) },
    ]);
    expect(outcome.material.fingerprints[0]?.url).toBe('https://hosting.test/moved.json');
  });

  it('a permanent redirect is not remembered: the next lookup asks the well-known URL again', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 301, location: 'https://hosting.test/moved.json' });
    server.route('hosting.test', '/moved.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    await lookup();
    await lookup();
    expect(requested()).toEqual([`${DOMAIN}${RFC_PATH}`, 'hosting.test/moved.json', `${DOMAIN}${RFC_PATH}`, 'hosting.test/moved.json']);
  });

  it('a relative Location is resolved against the current URL', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: '../elsewhere.json' });
    server.route(DOMAIN, '/.well-known/elsewhere.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = expectMaterial(await lookup());
    expect(outcome.material.fingerprints[0]?.url).toBe(`https://${DOMAIN}/.well-known/elsewhere.json`);
  });

  it('https to http is refused (and never requested)', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 301, location: `http://${DOMAIN}/plain.json` });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(outcome.steps).toEqual([
      { url: RFC_URL, status: 301, kind: 'redirect', detail: expect.stringContaining('refused') },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('a redirect loop is an error', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: '/b.json' });
    server.route(DOMAIN, '/b.json', { kind: 'redirect', status: 302, location: RFC_PATH });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['redirect 302', 'redirect 302', 'budget-exceeded -']);
  });

  it('a redirect without Location is an error', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'status', status: 302 });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['http-error 302']);
  });

  function chain(host: string, prefix: string, hops: number, last: string): string {
    // /prefix0 -> /prefix1 -> ... -> /prefix{hops-1} -> last
    for (let i = 0; i < hops; i++) {
      const location = i === hops - 1 ? last : `/${prefix}${i + 1}`;
      server.route(host, `/${prefix}${i}`, { kind: 'redirect', status: 307, location });
    }
    return `/${prefix}0`;
  }

  it('10 redirects are followed', async () => {
    server.route(DOMAIN, '/final.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const first = chain(DOMAIN, 'r', 9, '/final.json');
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 307, location: first });
    const outcome = expectMaterial(await lookup());
    expect(outcome.steps.filter((step) => step.kind === 'redirect')).toHaveLength(10);
  });

  it('the 11th redirect is not followed', async () => {
    server.route(DOMAIN, '/final.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const first = chain(DOMAIN, 'r', 10, '/final.json');
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 307, location: first });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(outcome.steps.at(-1)).toMatchObject({ kind: 'budget-exceeded', url: `https://${DOMAIN}/final.json` });
    expect(requested()).not.toContain(`${DOMAIN}/final.json`);
  });

  it('the budget counts both documents of a reference (6 + 5 > 10)', async () => {
    server.route(DOMAIN, '/ref.json', { kind: 'json', body: { url: HOSTING_URL, expires: 600 } });
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 307, location: chain(DOMAIN, 'a', 5, '/ref.json') });
    server.route('hosting.test', '/final.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    server.route('hosting.test', HOSTING_PATH, { kind: 'redirect', status: 307, location: chain('hosting.test', 'b', 4, '/final.json') });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(outcome.steps.filter((step) => step.kind === 'redirect')).toHaveLength(11);
    expect(outcome.steps.at(-1)?.kind).toBe('budget-exceeded');
  });

  it('a redirect that ends in 404 at the RFC URL counts as "no RFC document" and the seed URL is tried', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: '/gone.json' });
    server.route(DOMAIN, SEED_PATH, { kind: 'json', body: { keys: [{ kty: 'EC', x5t: x5t(world.xmppLeaf) }], expires: 60 } });
    expect(expectMaterial(await lookup()).material.format).toBe('seed');
  });
});

describe('HTTP errors', () => {
  it.each([403, 500, 503, 410])('%i at the RFC URL: error, POSH unavailable, and no seed request', async (status) => {
    server.route(DOMAIN, RFC_PATH, { kind: 'status', status });
    server.route(DOMAIN, SEED_PATH, { kind: 'json', body: { keys: [{ kty: 'EC', x5t: x5t(world.xmppLeaf) }], expires: 60 } });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual([`http-error ${status}`]);
    expect(outcome.kind !== 'material' && outcome.reason).toMatch(/POSH unavailable/);
    expect(requested()).toEqual([`${DOMAIN}${RFC_PATH}`]);
  });

  it('a 500 carrying a valid-looking document is still an error', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', status: 500, body: fingerprintsDocument([world.xmppLeaf]) });
    expect((await lookup()).kind).toBe('error');
  });

  it('an error at the reference target is an error', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: HOSTING_URL, expires: 600 } });
    server.route('hosting.test', HOSTING_PATH, { kind: 'status', status: 403 });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['reference 200', 'http-error 403']);
  });
});

describe('web certificate validation', () => {
  it('a web server whose certificate chains to an untrusted CA gives no material', async () => {
    server.route('untrusted.test', RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookupPosh('untrusted.test', fetchOptionsFor(world, server));
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['tls-error -']);
    expect(server.requests).toHaveLength(0);
  });

  it('a certificate for another name gives no material', async () => {
    server.route('wrongname.test', RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookupPosh('wrongname.test', fetchOptionsFor(world, server));
    expect(outcome.kind).toBe('error');
    expect(outcome.steps[0]).toMatchObject({ kind: 'tls-error', detail: expect.stringMatching(/ALTNAME|someone-else/) });
    expect(server.requests).toHaveLength(0);
  });

  it('an expired web certificate gives no material', async () => {
    server.route('expiredweb.test', RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookupPosh('expiredweb.test', fetchOptionsFor(world, server));
    expect(outcome.kind).toBe('error');
    expect(outcome.steps[0]).toMatchObject({ kind: 'tls-error', detail: expect.stringMatching(/CERT_HAS_EXPIRED/) });
  });

  it('without the test CA among the roots (Node defaults), the test site is not trusted', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookupPosh(DOMAIN, { ...server.dial });
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['tls-error -']);
  });

  it('an invalid certificate at the reference url host gives no material', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: 'https://untrusted.test/posh.json', expires: 600 } });
    server.route('untrusted.test', '/posh.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['reference 200', 'tls-error -']);
  });

  it('a redirect to a host with an invalid certificate gives no material', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: 'https://wrongname.test/posh.json' });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['redirect 302', 'tls-error -']);
  });
});

describe('limits', () => {
  it('a body over 64 KiB is aborted (streamed, no Content-Length)', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'huge', bytes: 200 * 1024 });
    const outcome = await lookup();
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['too-large -']);
  });

  it('a body announced over 64 KiB is refused up front', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'huge', bytes: 65 * 1024, announceLength: true });
    expect(stepKinds(await lookup())).toEqual(['too-large -']);
  });

  it('a body of exactly 64 KiB is read; one byte more is not', async () => {
    const document = JSON.stringify(fingerprintsDocument([world.xmppLeaf]));
    server.route(DOMAIN, RFC_PATH, { kind: 'text', body: document.padEnd(64 * 1024, ' ') });
    expect((await lookup()).kind).toBe('material');
    server.route(DOMAIN, RFC_PATH, { kind: 'text', body: document.padEnd(64 * 1024 + 1, ' ') });
    expect(stepKinds(await lookup())).toEqual(['too-large -']);
  });

  it('a slow body hits the per-request timeout', async () => {
    const body = JSON.stringify(fingerprintsDocument([world.xmppLeaf]));
    server.route(DOMAIN, RFC_PATH, { kind: 'slow', body, delayMs: 5_000 });
    const started = Date.now();
    const outcome = await lookup({ requestTimeoutMs: 250 });
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['timeout -']);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('the whole lookup has a deadline across hops', async () => {
    // Each request stays under its own timeout, but the walk as a whole does not.
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: '/slow.json' });
    server.route(DOMAIN, '/slow.json', { kind: 'hang' });
    const outcome = await lookup({ requestTimeoutMs: 2_000, deadlineMs: 300 });
    expect(outcome.kind).toBe('error');
    expect(outcome.steps.at(-1)).toMatchObject({ kind: 'timeout', detail: expect.stringMatching(/within 300 ms/) });
  });

  it('an AbortSignal cancels a running lookup', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'hang' });
    const controller = new AbortController();
    const pending = lookup({ signal: controller.signal });
    // Cancelled while the request hangs at the server, not before it was made.
    await waitUntil(() => server.requests.some((r) => r.path === RFC_PATH), 'the request to reach the server');
    controller.abort();
    const outcome = await pending;
    expect(outcome.kind).toBe('error');
    expect(outcome.kind !== 'material' && outcome.reason).toMatch(/cancelled/);
  });

  it('an unreachable port is a network error', async () => {
    const outcome = await lookupPosh(DOMAIN, { ca: [world.ca.certPem], lookup: server.dial.lookup, connectTo: (host) => ({ host, port: 1 }) });
    expect(outcome.kind).toBe('error');
    expect(stepKinds(outcome)).toEqual(['network-error -']);
  });
});

describe('domains', () => {
  it('an IDN domain is looked up by its A-label (URL, SNI and Host)', async () => {
    const web = await createTestCertificate({ commonName: 'xn--bcher-kva.test', dnsNames: ['xn--bcher-kva.test'], issuer: world.ca });
    server.addSite('xn--bcher-kva.test', web);
    server.route('xn--bcher-kva.test', RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = expectMaterial(await lookupPosh('Bücher.test', fetchOptionsFor(world, server)));
    expect(outcome.material.domain).toBe('xn--bcher-kva.test');
    expect(outcome.steps[0]?.url).toBe('https://xn--bcher-kva.test/.well-known/posh/xmpp-client.json');
    expect(server.requests[0]).toMatchObject({ host: 'xn--bcher-kva.test', servername: 'xn--bcher-kva.test' });
  });
});
