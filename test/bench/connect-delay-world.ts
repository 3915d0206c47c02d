/**
 * The connect benchmark's world: one Prosody with three hosts, a DNS server and the POSH web server, each
 * behind network delay. The XMPP ports and the web server sit behind delay proxies (oneWayMs each way); the DNS
 * server answers each question one round trip after it came. Two zones: one whose SRV records lead to direct
 * TLS (XEP-0368) and one whose lead to STARTTLS, so each mode is its own resolver over the same servers.
 *
 * - valid.test: its certificate names it (PKIX);
 * - posh-fp.test: the host presents hosting.test's certificate, and https://posh-fp.test publishes its
 *   fingerprint (a POSH fingerprints document);
 * - posh-ref.test: the same certificate, and https://posh-ref.test publishes a reference to a fingerprints
 *   document at https://hosting.test, the provider (whose name the XMPP path resolves too: the SRV target).
 */
import { rootCertificates } from 'node:tls';
import { createDnsResolver, createNameLookup, type NameLookup } from '../../main/net/name-lookup.js';
import { summarizeCertificate } from '../../main/trust/certificate.js';
import { createXmppResolver, type XmppResolver } from '../../main/xmpp/resolver.js';
import { startDelayProxy, type DelayProxy } from '../harness/delay-proxy.js';
import { startDnsServer, type TestDnsServer } from '../harness/dns-server.js';
import { startPoshHttpsServer, type PoshHttpsServer } from '../harness/posh-https-server.js';
import { startProsody, type Prosody } from '../harness/prosody.js';
import { createTestCa, createTestCertificate } from '../harness/test-pki.js';

export type TlsMode = 'direct' | 'starttls';

export const DOMAINS = { pkix: 'valid.test', fingerprints: 'posh-fp.test', reference: 'posh-ref.test' } as const;
export const PROVIDER = 'hosting.test';
export const USER = { localpart: 'alice', password: 'bench password 16' };

export interface ModeNetwork {
  readonly resolver: XmppResolver;
  /** Host names to addresses through the same delayed DNS server (XMPP's and POSH's). */
  readonly lookup: NameLookup;
  readonly dns: TestDnsServer;
}

export interface ConnectWorld {
  readonly oneWayMs: number;
  /** System roots plus the test CA, as the app passes them. */
  readonly ca: readonly string[];
  readonly modes: Readonly<Record<TlsMode, ModeNetwork>>;
  /** Keeps the URL's host and dials the delayed web server. */
  readonly webConnectTo: (host: string, port: number) => { host: string; port: number };
  readonly xmppProxies: Readonly<Record<TlsMode, DelayProxy>>;
  readonly webProxy: DelayProxy;
  readonly web: PoshHttpsServer;
  stop(): Promise<void>;
}

function network(dns: TestDnsServer): ModeNetwork {
  return {
    resolver: createXmppResolver({ resolver: createDnsResolver(dns.address) }),
    lookup: createNameLookup({ resolver: createDnsResolver(dns.address) }),
    dns,
  };
}

export async function startConnectWorld(oneWayMs: number): Promise<ConnectWorld> {
  const testCa = await createTestCa();
  const ca = [...rootCertificates, testCa.certPem];
  const valid = await createTestCertificate({ commonName: DOMAINS.pkix, dnsNames: [DOMAINS.pkix], issuer: testCa });
  const hosting = await createTestCertificate({ commonName: PROVIDER, dnsNames: [PROVIDER], issuer: testCa });
  const domains = Object.values(DOMAINS);
  const prosody: Prosody = await startProsody({
    hosts: [
      { domain: DOMAINS.pkix, certPem: valid.certPem, keyPem: valid.keyPem },
      { domain: DOMAINS.fingerprints, certPem: hosting.certPem, keyPem: hosting.keyPem },
      { domain: DOMAINS.reference, certPem: hosting.certPem, keyPem: hosting.keyPem },
    ],
    users: domains.map((host) => ({ user: USER.localpart, host, password: USER.password })),
  });
  const stops: Array<() => Promise<void>> = [() => prosody.stop()];
  try {
    const direct = await startDelayProxy({ target: { host: '127.0.0.1', port: prosody.directTlsPort }, oneWayMs });
    stops.push(() => direct.close());
    const starttls = await startDelayProxy({ target: { host: '127.0.0.1', port: prosody.starttlsPort }, oneWayMs });
    stops.push(() => starttls.close());

    const site = (name: string) => createTestCertificate({ commonName: name, dnsNames: [name], issuer: testCa });
    const web = await startPoshHttpsServer({
      sites: { [DOMAINS.pkix]: valid, [DOMAINS.fingerprints]: await site(DOMAINS.fingerprints), [DOMAINS.reference]: await site(DOMAINS.reference), [PROVIDER]: hosting },
    });
    stops.push(() => web.close());
    const fingerprints = { fingerprints: [{ 'sha-256': summarizeCertificate(hosting.der).sha256 }], expires: 3600 };
    web.route(DOMAINS.pkix, '/.well-known/posh/xmpp-client.json', { kind: 'status', status: 404 });
    web.route(DOMAINS.pkix, '/.well-known/posh._xmpp-client._tcp.json', { kind: 'status', status: 404 });
    web.route(DOMAINS.fingerprints, '/.well-known/posh/xmpp-client.json', { kind: 'json', body: fingerprints });
    web.route(DOMAINS.reference, '/.well-known/posh/xmpp-client.json', { kind: 'json', body: { url: `https://${PROVIDER}/posh/posh-ref.json`, expires: 3600 } });
    web.route(PROVIDER, '/posh/posh-ref.json', { kind: 'json', body: fingerprints });
    const webProxy = await startDelayProxy({ target: { host: '127.0.0.1', port: web.port }, oneWayMs });
    stops.push(() => webProxy.close());

    const a = Object.fromEntries([...domains, PROVIDER].map((name) => [name, ['127.0.0.1']]));
    // A round trip per question, as on a network (the proxies delay each way; a DNS answer comes back in one).
    const zone = (mode: TlsMode) => {
      const port = mode === 'direct' ? direct.port : starttls.port;
      const service = mode === 'direct' ? '_xmpps-client' : '_xmpp-client';
      const other = mode === 'direct' ? '_xmpp-client' : '_xmpps-client';
      return startDnsServer(
        {
          srv: Object.fromEntries(domains.map((d) => [`${service}._tcp.${d}`, [{ priority: 0, weight: 0, port, target: PROVIDER }]])),
          a,
          nodata: domains.map((d) => `${other}._tcp.${d}`),
        },
        { answerDelayMs: 2 * oneWayMs },
      );
    };
    const directDns = await zone('direct');
    stops.push(() => directDns.close());
    const starttlsDns = await zone('starttls');
    stops.push(() => starttlsDns.close());

    return {
      oneWayMs,
      ca,
      modes: {
        direct: network(directDns),
        starttls: network(starttlsDns),
      },
      webConnectTo: (host) => ({ host, port: webProxy.port }),
      xmppProxies: { direct, starttls },
      webProxy,
      web,
      stop: async () => {
        await Promise.allSettled(stops.reverse().map((stop) => stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(stops.reverse().map((stop) => stop()));
    throw error;
  }
}
