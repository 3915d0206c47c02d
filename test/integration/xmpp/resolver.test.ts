/**
 * The XMPP resolver against a real DNS server in this process (dns2 on 127.0.0.1, ephemeral UDP port), queried
 * through Node's own `dns.promises.Resolver`: SRV merging (XEP-0368), "." targets and the no-SRV fallback
 * (RFC 2782, RFC 6120 §3.2), IDN, addresses, and DNS failures as typed errors (posh.md §7.2).
 */
import { Resolver } from 'node:dns/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectedEndpoint } from '../../../app/domain/trust.js';
import type { Candidate } from '../../../main/xmpp/candidate.js';
import { XmppResolveError, type XmppResolveFailure } from '../../../main/xmpp/resolve-error.js';
import { createXmppResolver, type XmppResolver } from '../../../main/xmpp/resolver.js';
import { startDnsServer, type DnsZone, type TestDnsServer } from '../../harness/dns-server.js';

let server: TestDnsServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

/** Starts a DNS server for `zone` and a resolver that asks only it. `random` is fixed for determinism. */
async function resolverFor(zone: DnsZone, random: () => number = () => 0): Promise<XmppResolver> {
  server = await startDnsServer(zone);
  // One try and a short timeout: the "silent" test waits for it; every other answer arrives in milliseconds.
  const dns = new Resolver({ timeout: 300, tries: 1 });
  dns.setServers([server.address]);
  return createXmppResolver({ resolver: dns, random });
}

async function failureOf(promise: Promise<unknown>): Promise<XmppResolveFailure> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XmppResolveError);
  return (error as XmppResolveError).failure;
}

const endpoint = (c: Candidate): ConnectedEndpoint => c; // a candidate is what the verdict reports as endpoint

describe('resolveCandidates', () => {
  it('merges _xmpps-client and _xmpp-client records into one priority order', async () => {
    const xmpp = await resolverFor({
      srv: {
        '_xmpps-client._tcp.example.com': [
          { priority: 5, weight: 0, port: 5223, target: 'tls.example.net' },
          { priority: 20, weight: 0, port: 443, target: 'tls-backup.example.net' },
        ],
        '_xmpp-client._tcp.example.com': [
          { priority: 10, weight: 0, port: 5222, target: 'Chat.Example.NET.' },
          { priority: 1, weight: 0, port: 5222, target: 'primary.example.net' },
        ],
      },
    });
    const candidates = await xmpp.resolveCandidates('example.com');
    expect(candidates.map(endpoint)).toEqual([
      { source: 'srv', host: 'primary.example.net', port: 5222, directTls: false, priority: 1, weight: 0 },
      { source: 'srv', host: 'tls.example.net', port: 5223, directTls: true, priority: 5, weight: 0 },
      { source: 'srv', host: 'chat.example.net', port: 5222, directTls: false, priority: 10, weight: 0 },
      { source: 'srv', host: 'tls-backup.example.net', port: 443, directTls: true, priority: 20, weight: 0 },
    ]);
    expect(server?.queries.filter((q) => q.type === 'SRV').map((q) => q.name).sort()).toEqual([
      '_xmpp-client._tcp.example.com',
      '_xmpps-client._tcp.example.com',
    ]);
  });

  it('mixes the weights of both services within one priority (RFC 2782 over the merged list)', async () => {
    const zone: DnsZone = {
      srv: {
        '_xmpps-client._tcp.example.com': [{ priority: 0, weight: 10, port: 5223, target: 'tls.example.net' }],
        '_xmpp-client._tcp.example.com': [{ priority: 0, weight: 30, port: 5222, target: 'plain.example.net' }],
      },
    };
    // Arrangement [tls(10), plain(30)], sums 10 and 40; a draw in 0..40. 0 → tls first; 0.5 → 20 → plain first.
    const low = await (await resolverFor(zone, () => 0)).resolveCandidates('example.com');
    expect(low.map((c) => c.host)).toEqual(['tls.example.net', 'plain.example.net']);
    await server?.close();
    const high = await (await resolverFor(zone, () => 0.5)).resolveCandidates('example.com');
    expect(high.map((c) => c.host)).toEqual(['plain.example.net', 'tls.example.net']);
  });

  it('treats a lone "." target as "not offered" for that service only', async () => {
    const xmpp = await resolverFor({
      srv: {
        '_xmpps-client._tcp.example.com': [{ priority: 0, weight: 0, port: 0, target: '.' }],
        '_xmpp-client._tcp.example.com': [{ priority: 0, weight: 0, port: 5222, target: 'chat.example.net' }],
      },
    });
    expect(await xmpp.resolveCandidates('example.com')).toEqual([
      { source: 'srv', host: 'chat.example.net', port: 5222, directTls: false, priority: 0, weight: 0 },
    ]);
  });

  it('reports "no chat service" when _xmpp-client is "." and there is no direct TLS record', async () => {
    const xmpp = await resolverFor({
      srv: { '_xmpp-client._tcp.example.com': [{ priority: 0, weight: 0, port: 0, target: '.' }] },
      nxdomain: ['_xmpps-client._tcp.example.com'],
    });
    const failure = await failureOf(xmpp.resolveCandidates('example.com'));
    expect(failure).toEqual({ kind: 'service-not-offered', domain: 'example.com' });
  });

  it('falls back to the domain on port 5222 with STARTTLS when there is no SRV record at all', async () => {
    const xmpp = await resolverFor({
      a: { 'example.com': ['127.0.0.1'] },
      nxdomain: ['_xmpps-client._tcp.example.com'],
      nodata: ['_xmpp-client._tcp.example.com'],
    });
    expect(await xmpp.resolveCandidates('example.com')).toEqual([
      { source: 'domain', host: 'example.com', port: 5222, directTls: false },
    ]);
  });

  it('still falls back when only _xmpps-client says "." (that says nothing about STARTTLS)', async () => {
    const xmpp = await resolverFor({
      srv: { '_xmpps-client._tcp.example.com': [{ priority: 0, weight: 0, port: 0, target: '.' }] },
    });
    expect(await xmpp.resolveCandidates('example.com')).toEqual([
      { source: 'domain', host: 'example.com', port: 5222, directTls: false },
    ]);
  });

  it('does not add the domain fallback once SRV answered', async () => {
    const xmpp = await resolverFor({
      srv: { '_xmpps-client._tcp.example.com': [{ priority: 0, weight: 0, port: 5223, target: 'tls.example.net' }] },
      a: { 'example.com': ['127.0.0.1'] },
    });
    const candidates = await xmpp.resolveCandidates('example.com');
    expect(candidates).toHaveLength(1);
    expect(candidates.some((c) => c.source === 'domain')).toBe(false);
  });

  it('uses a configured host and port as is, without asking DNS', async () => {
    const xmpp = await resolverFor({
      srv: { '_xmpp-client._tcp.example.com': [{ priority: 0, weight: 0, port: 5222, target: 'chat.example.net' }] },
    });
    const candidates = await xmpp.resolveCandidates('example.com', { host: 'xmpp.example.org', port: 5223, directTls: true });
    expect(candidates).toEqual([{ source: 'configured', host: 'xmpp.example.org', port: 5223, directTls: true }]);
    expect(server?.queries).toEqual([]);
  });

  it('rejects a configured port outside 1..65535', async () => {
    const xmpp = await resolverFor({});
    const failure = await failureOf(xmpp.resolveCandidates('example.com', { host: 'x.example', port: 70000, directTls: false }));
    expect(failure.kind).toBe('invalid-configuration');
  });

  it('queries an IDN domain as its A-label', async () => {
    // RFC 3492's well-known example: "bücher" is "xn--bcher-kva".
    const xmpp = await resolverFor({
      srv: { '_xmpp-client._tcp.xn--bcher-kva.example': [{ priority: 0, weight: 0, port: 5222, target: 'chat.example.net' }] },
    });
    const candidates = await xmpp.resolveCandidates('Bücher.example');
    expect(candidates.map((c) => c.host)).toEqual(['chat.example.net']);
    expect(server?.queries.map((q) => q.name.toLowerCase())).toContain('_xmpp-client._tcp.xn--bcher-kva.example');
  });

  it('uses the A-label in the domain fallback too', async () => {
    const xmpp = await resolverFor({});
    expect(await xmpp.resolveCandidates('bücher.example')).toEqual([
      { source: 'domain', host: 'xn--bcher-kva.example', port: 5222, directTls: false },
    ]);
  });

  it('refuses a malformed domain before asking DNS', async () => {
    const xmpp = await resolverFor({});
    for (const bad of ['', 'exa mple.com', 'example.com/evil', 'ex%61mple.com', '-bad.example']) {
      expect((await failureOf(xmpp.resolveCandidates(bad))).kind).toBe('invalid-domain');
    }
    expect(server?.queries).toEqual([]);
  });

  it('reports SERVFAIL as a typed error with a plain message, without falling back', async () => {
    const xmpp = await resolverFor({
      servfail: ['_xmpp-client._tcp.example.com'],
      nxdomain: ['_xmpps-client._tcp.example.com'],
      a: { 'example.com': ['127.0.0.1'] },
    });
    const promise = xmpp.resolveCandidates('example.com');
    await expect(promise).rejects.toThrow(/_xmpp-client\._tcp\.example\.com failed: .*SERVFAIL/);
    expect(await failureOf(promise)).toEqual({
      kind: 'dns-failure',
      name: '_xmpp-client._tcp.example.com',
      code: 'ESERVFAIL',
    });
  });

  it('reports a DNS timeout as a typed error', async () => {
    const xmpp = await resolverFor({ silent: ['_xmpp-client._tcp.example.com', '_xmpps-client._tcp.example.com'] });
    const failure = await failureOf(xmpp.resolveCandidates('example.com'));
    expect(failure).toMatchObject({ kind: 'dns-failure', code: 'ETIMEOUT' });
  });

  it('uses the records of one service when the other fails (they are alternatives, not a fallback)', async () => {
    const xmpp = await resolverFor({
      servfail: ['_xmpps-client._tcp.example.com'],
      srv: { '_xmpp-client._tcp.example.com': [{ priority: 0, weight: 0, port: 5222, target: 'chat.example.net' }] },
    });
    expect((await xmpp.resolveCandidates('example.com')).map((c) => c.host)).toEqual(['chat.example.net']);
  });
});

describe('resolveAddresses', () => {
  it('returns AAAA and A addresses, IPv6 first, interleaved', async () => {
    const xmpp = await resolverFor({
      a: { 'chat.example.net': ['127.0.0.1', '127.0.0.2'] },
      aaaa: { 'chat.example.net': ['::1'] },
    });
    expect(await xmpp.resolveAddresses('chat.example.net')).toEqual([
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
      { address: '127.0.0.2', family: 4 },
    ]);
  });

  it('works with only one family published (the other is NODATA)', async () => {
    const xmpp = await resolverFor({ a: { 'v4.example.net': ['127.0.0.1'] }, aaaa: { 'v6.example.net': ['::1'] } });
    expect(await xmpp.resolveAddresses('v4.example.net')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await xmpp.resolveAddresses('v6.example.net')).toEqual([{ address: '::1', family: 6 }]);
  });

  it('returns an IP literal as itself without asking DNS', async () => {
    const xmpp = await resolverFor({});
    expect(await xmpp.resolveAddresses('127.0.0.1')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await xmpp.resolveAddresses('[::1]')).toEqual([{ address: '::1', family: 6 }]);
    expect(server?.queries).toEqual([]);
  });

  it('reports a host with no addresses', async () => {
    const xmpp = await resolverFor({ nxdomain: ['gone.example.net'] });
    expect(await failureOf(xmpp.resolveAddresses('gone.example.net'))).toEqual({
      kind: 'host-not-found',
      host: 'gone.example.net',
    });
  });

  it('reports SERVFAIL for an address lookup as a DNS failure', async () => {
    const xmpp = await resolverFor({ servfail: ['broken.example.net'] });
    expect(await failureOf(xmpp.resolveAddresses('broken.example.net'))).toMatchObject({
      kind: 'dns-failure',
      code: 'ESERVFAIL',
    });
  });

  it('looks up an IDN host as its A-label', async () => {
    const xmpp = await resolverFor({ a: { 'xn--bcher-kva.example': ['127.0.0.1'] } });
    expect(await xmpp.resolveAddresses('bücher.example')).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});
