/**
 * posh.md §3, "no probing of the user's network": a redirect target or a reference url must name a DNS
 * host, and that host must not resolve into loopback, link-local, private, shared or unspecified space.
 * These tests run with the test-only switch OFF (fetchOptionsFor turns it on for the other POSH files);
 * names are answered by the test's own lookup, and the web server is the loopback test server.
 */
import { describe, expect, it } from 'vitest';
import { isIP } from 'node:net';
import { lookupPosh, type PoshLookupOptions, type PoshLookupOutcome } from '../../../main/trust/posh/lookup.js';
import { createNameLookup, type Address } from '../../../main/net/name-lookup.js';
import type { PoshHttpsServer } from '../../harness/posh-https-server.js';
import { DOMAIN, fingerprintsDocument, RFC_PATH, RFC_URL, usePoshServer, type PoshWorld } from './posh-world.js';

let world: PoshWorld;
let server: PoshHttpsServer;

usePoshServer(
  (w) => (world = w),
  (s) => (server = s),
);

const TARGET = 'https://hosting.test/posh.json';

/** The JID domain resolves to the loopback server; hosting.test to whatever the test says. */
function namesWith(hosting: (call: number) => string): { lookup: (host: string) => Promise<readonly Address[]>; hostingCalls: () => number } {
  let calls = 0;
  return {
    lookup: (host) => {
      if (host !== 'hosting.test') return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
      calls += 1;
      const address = hosting(calls);
      return Promise.resolve([{ address, family: isIP(address) === 6 ? 6 : 4 }]);
    },
    hostingCalls: () => calls,
  };
}

/** The switch is left out on purpose: this is the policy as the app and the command line run it. */
function policyOptions(lookup: PoshLookupOptions['lookup'], extra: Partial<PoshLookupOptions> = {}): PoshLookupOptions {
  return { ca: [world.ca.certPem], connectTo: server.dial.connectTo, lookup, requestTimeoutMs: 2_000, ...extra };
}

const requestedHosts = (): string[] => server.requests.map((request) => request.host);

function expectRefused(outcome: PoshLookupOutcome, url: string, detail: RegExp): void {
  expect(outcome.kind).toBe('error');
  const last = outcome.steps.at(-1);
  expect(last).toMatchObject({ url, status: null, kind: 'refused-address' });
  expect(last?.detail).toMatch(detail);
  expect(outcome.kind !== 'material' && outcome.reason).toMatch(detail);
}

function serveGoodDocumentAtHosting(): void {
  server.route('hosting.test', '/posh.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
}

describe('redirect targets', () => {
  it.each([
    ['https://127.0.0.1/posh.json', /127\.0\.0\.1 is an IP address, not a DNS name/],
    ['https://[::1]/posh.json', /\[::1\] is an IP address, not a DNS name/],
    ['https://[::ffff:127.0.0.1]/posh.json', /is an IP address, not a DNS name/],
    // Other spellings of an address are normalised by the URL parser first, and refused the same way.
    ['https://2130706433/posh.json', /127\.0\.0\.1 is an IP address, not a DNS name/],
    ['https://198.51.100.7/posh.json', /198\.51\.100\.7 is an IP address, not a DNS name/],
  ])('a redirect to the IP literal %s is refused and never requested', async (location, reason) => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location });
    const names = namesWith(() => '127.0.0.1');
    const outcome = await lookupPosh(DOMAIN, policyOptions(names.lookup));
    expectRefused(outcome, new URL(location).href, reason);
    expect(outcome.steps[0]).toMatchObject({ url: RFC_URL, status: 302, kind: 'redirect' });
    expect(requestedHosts()).toEqual([DOMAIN]);
  });

  it('an IP literal stays refused even with the test switch on', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: 'https://127.0.0.1/posh.json' });
    const outcome = await lookupPosh(DOMAIN, policyOptions(server.dial.lookup, { allowPrivateAddressesForTests: true }));
    expectRefused(outcome, 'https://127.0.0.1/posh.json', /not a DNS name/);
  });

  it.each([
    ['10.1.2.3', /10\.1\.2\.3, a private network address/],
    ['172.20.0.5', /a private network address/],
    ['192.168.1.20', /192\.168\.1\.20, a private network address/],
    ['169.254.10.20', /169\.254\.10\.20, a link-local address/],
    ['fc00::1', /fc00::1, a private network address/],
    ['fd00:abcd::7', /a private network address/],
    ['fe80::1', /a link-local address/],
    ['100.64.0.1', /100\.64\.0\.1, a shared \(carrier-grade NAT\) address/],
    ['127.0.0.1', /127\.0\.0\.1, a loopback address/],
    ['::1', /::1, a loopback address/],
    ['0.0.0.0', /an unspecified address/],
    ['::ffff:10.0.0.1', /::ffff:10\.0\.0\.1, a private network address/],
    ['::ffff:127.0.0.1', /a loopback address/],
  ])('a redirect to a name that resolves to %s is refused before connecting', async (address, reason) => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 301, location: TARGET });
    serveGoodDocumentAtHosting();
    const names = namesWith(() => address);
    const outcome = await lookupPosh(DOMAIN, policyOptions(names.lookup));
    expectRefused(outcome, TARGET, reason);
    expect(outcome.steps[0]).toMatchObject({ url: RFC_URL, status: 301, kind: 'redirect', detail: `to ${TARGET}` });
    expect(requestedHosts()).toEqual([DOMAIN]);
    // Resolved once, checked, and that same answer would have been dialled: no second lookup.
    expect(names.hostingCalls()).toBe(1);
  });

  it('one internal address among public ones is enough to refuse', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: TARGET });
    const lookup = (host: string): Promise<readonly Address[]> =>
      Promise.resolve(
        host === 'hosting.test'
          ? [
              { address: '198.51.100.7', family: 4 },
              { address: '10.0.0.9', family: 4 },
            ]
          : [{ address: '127.0.0.1', family: 4 }],
      );
    expectRefused(await lookupPosh(DOMAIN, policyOptions(lookup)), TARGET, /10\.0\.0\.9/);
  });

  it('the address checked is the address dialled: a rebinding answer on a second lookup is never used', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: TARGET });
    serveGoodDocumentAtHosting();
    // First answer public (TEST-NET-2, never routed), any later one the loopback server.
    const names = namesWith((call) => (call === 1 ? '198.51.100.7' : '127.0.0.1'));
    const outcome = await lookupPosh(DOMAIN, policyOptions(names.lookup, { requestTimeoutMs: 1_000 }));
    expect(outcome.kind).toBe('error');
    expect(requestedHosts()).toEqual([DOMAIN]);
    expect(names.hostingCalls()).toBe(1);
  });
});

describe('reference urls', () => {
  it('a reference to a name that resolves to a private address is refused', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: TARGET, expires: 600 } });
    serveGoodDocumentAtHosting();
    const names = namesWith(() => '192.168.0.10');
    const outcome = await lookupPosh(DOMAIN, policyOptions(names.lookup));
    expectRefused(outcome, TARGET, /192\.168\.0\.10, a private network address/);
    expect(outcome.steps.map((step) => step.kind)).toEqual(['reference', 'refused-address']);
    expect(requestedHosts()).toEqual([DOMAIN]);
  });

  it('a reference to an IP literal is refused', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: 'https://10.0.0.1/posh.json', expires: 600 } });
    const outcome = await lookupPosh(DOMAIN, policyOptions(server.dial.lookup));
    expectRefused(outcome, 'https://10.0.0.1/posh.json', /10\.0\.0\.1 is an IP address/);
    expect(requestedHosts()).toEqual([DOMAIN]);
  });

  it("a reference back to the JID domain's own host is a later hop too (a remote party chose it)", async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: { url: 'https://example.test/ref.json', expires: 600 } });
    server.route(DOMAIN, '/ref.json', { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookupPosh(DOMAIN, policyOptions(server.dial.lookup));
    expectRefused(outcome, 'https://example.test/ref.json', /127\.0\.0\.1, a loopback address/);
    expect(requestedHosts()).toEqual([DOMAIN]);
  });
});

describe('what stays allowed', () => {
  it('the first hop to the JID domain itself is not restricted (here it is loopback)', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'json', body: fingerprintsDocument([world.xmppLeaf]) });
    const outcome = await lookupPosh(DOMAIN, policyOptions(server.dial.lookup));
    expect(outcome.kind).toBe('material');
  });

  it('with the test switch on, a redirect to a loopback name is followed (the other POSH files rely on it)', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: TARGET });
    serveGoodDocumentAtHosting();
    const outcome = await lookupPosh(DOMAIN, policyOptions(server.dial.lookup, { allowPrivateAddressesForTests: true }));
    expect(outcome.kind).toBe('material');
  });

  it('an address the user fixed by hand (--resolve) is exempt', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: TARGET });
    serveGoodDocumentAtHosting();
    const lookup = createNameLookup({
      overrides: new Map([
        [DOMAIN, [{ address: '127.0.0.1', family: 4 }]],
        ['hosting.test', [{ address: '127.0.0.1', family: 4 }]],
      ]),
    });
    const outcome = await lookupPosh(DOMAIN, policyOptions(lookup));
    expect(outcome.kind).toBe('material');
    expect(requestedHosts()).toEqual([DOMAIN, 'hosting.test']);
  });

  it('a host the user redirected by hand (--connect-to) is exempt', async () => {
    server.route(DOMAIN, RFC_PATH, { kind: 'redirect', status: 302, location: TARGET });
    serveGoodDocumentAtHosting();
    const names = namesWith(() => '10.1.2.3');
    const connectTo = () => ({ host: '127.0.0.1', port: server.port });
    const outcome = await lookupPosh(DOMAIN, policyOptions(names.lookup, { connectTo }));
    expect(outcome.kind).toBe('material');
    expect(requestedHosts()).toEqual([DOMAIN, 'hosting.test']);
  });
});
