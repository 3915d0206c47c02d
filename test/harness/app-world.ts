/**
 * A small hosted-XMPP world on loopback, shared by the app-level integration tests and the end-to-end tests:
 * one real Prosody serving several domains through a hosting provider, a DNS server with their SRV records,
 * and an HTTPS server publishing (or not) their POSH documents, all under a generated test CA.
 *
 *   valid.test    presents a CA-valid certificate for itself              → PKIX
 *   posh.test     presents the provider's certificate; POSH fingerprints   → POSH
 *   ref.test      presents the provider's certificate; POSH reference      → POSH (through the provider's document)
 *   noposh.test   presents the provider's certificate; no POSH             → the user decides (delegated host)
 *   self.test     presents a self-signed certificate for itself; no POSH   → the user decides (untrusted)
 *   liar.test     presents the provider's certificate; POSH names another  → the user decides (POSH mismatch)
 *   bücher.test   an IDN (xn--bcher-kva.test) with a CA-valid certificate  → PKIX
 *   köln.test     an IDN (xn--kln-sna.test), the provider's certificate    → POSH
 * Every domain has users alice and bob (password "secret-<user>"). Prosody knows the IDNs by their U-labels,
 * DNS and the web server by their A-labels, as in the real world. valid.test has a room service
 * (ROOM_SERVICE, XEP-0045 with its archive), reached through valid.test's own server.
 */
import { rootCertificates } from 'node:tls';
import { createDnsResolver, createNameLookup } from '../../main/net/name-lookup.js';
import type { NetworkDeps } from '../../main/services/create-app-services.js';
import { asciiDomain } from '../../app/domain/address/domain-name.js';
import { summarizeCertificate } from '../../main/trust/certificate.js';
import { startDnsServer, type TestDnsServer } from './dns-server.js';
import { startPoshHttpsServer, type PoshHttpsServer } from './posh-https-server.js';
import { startProsody, type Prosody } from './prosody.js';
import { createTestCa, createTestCertificate, type TestCa, type TestCertificate } from './test-pki.js';

export const WORLD_DOMAINS = ['valid.test', 'posh.test', 'ref.test', 'noposh.test', 'self.test', 'liar.test', 'bücher.test', 'köln.test'] as const;
export type WorldDomain = (typeof WORLD_DOMAINS)[number];
export type Transport = 'starttls' | 'direct';
export const password = (user: string) => `secret-${user}`;
/** valid.test's room service (a Prosody MUC component, listed in valid.test's disco#items). */
export const ROOM_SERVICE = 'rooms.valid.test';
/** issue 14: files. valid.test's upload service (XEP-0363), with `fileShare` only. */
export const UPLOAD_SERVICE = 'upload.valid.test';
const POSH_PATH = '/.well-known/posh/xmpp-client.json';
const SEED_PATH = '/.well-known/posh._xmpp-client._tcp.json';

export interface AppWorld {
  readonly ca: TestCa;
  readonly prosody: Prosody;
  readonly web: PoshHttpsServer;
  /** The certificate the provider's server presents for the hosted domains. */
  hosting: TestCertificate;
  network(transport: Transport): NetworkDeps;
  /** Give the provider's server a new key (and certificate) for every hosted domain, restart it, and update
   *  the POSH documents of the domains that publish one. */
  rotateHostingKey(): Promise<TestCertificate>;
  close(): Promise<void>;
}

export interface AppWorldOptions {
  /** Prosody's default modules to leave out, e.g. "mam" where its archive's file storage would be what is measured. */
  readonly withoutModules?: readonly string[];
  /** Prosody's limit on one archive's items (offline messages included); its default is 10,000. */
  readonly archiveItemLimit?: number;
  /** Prosody modules beyond PEP and bookmarks, e.g. "vcard_legacy" for vCard avatars (issue 14). */
  readonly modules?: readonly string[];
  /** issue 14: files. Give valid.test an upload service (UPLOAD_SERVICE) with this size limit in bytes. */
  readonly fileShare?: { readonly sizeLimit: number };
}

export async function startAppWorld(options: AppWorldOptions = {}): Promise<AppWorld> {
  const ca = await createTestCa();
  const valid = await createTestCertificate({ commonName: 'valid.test', dnsNames: ['valid.test'], issuer: ca });
  let hosting = await createTestCertificate({ commonName: 'hosting.test', dnsNames: ['hosting.test'], issuer: ca });
  const selfSigned = await createTestCertificate({ commonName: 'self.test', dnsNames: ['self.test'] });
  const idnValid = await createTestCertificate({ commonName: 'xn--bcher-kva.test', dnsNames: ['xn--bcher-kva.test'], issuer: ca });
  const stranger = await createTestCertificate({ commonName: 'elsewhere.test', dnsNames: ['elsewhere.test'], issuer: ca });
  const ownCertificate: readonly WorldDomain[] = ['valid.test', 'self.test', 'bücher.test'];
  const hostedDomains = WORLD_DOMAINS.filter((d) => !ownCertificate.includes(d));
  const ascii = (domain: string) => asciiDomain(domain) ?? domain;
  // issue 14: files
  const upload = options.fileShare === undefined ? undefined : await createTestCertificate({ commonName: UPLOAD_SERVICE, dnsNames: [UPLOAD_SERVICE], issuer: ca });
  const prosody = await startProsody({
    hosts: [
      { domain: 'valid.test', certPem: valid.certPem, keyPem: valid.keyPem },
      { domain: 'self.test', certPem: selfSigned.certPem, keyPem: selfSigned.keyPem },
      { domain: 'bücher.test', certPem: idnValid.certPem, keyPem: idnValid.keyPem },
      ...hostedDomains.map((domain) => ({ domain, certPem: hosting.certPem, keyPem: hosting.keyPem })),
    ],
    users: WORLD_DOMAINS.flatMap((host) => ['alice', 'bob'].map((user) => ({ user, host, password: password(user) }))),
    roomServices: [ROOM_SERVICE],
    // PEP and XEP-0402 bookmarks (rooms the account remembers, with autojoin); issue 14: blocklist (XEP-0191).
    modules: ['pep', 'bookmarks', 'blocklist', ...(options.modules ?? [])],
    withoutModules: options.withoutModules,
    archiveItemLimit: options.archiveItemLimit,
    ...(upload === undefined ? {} : { fileShare: { domain: UPLOAD_SERVICE, certPem: upload.certPem, keyPem: upload.keyPem, sizeLimit: options.fileShare?.sizeLimit } }),
  });

  const zone = (service: '_xmpp-client' | '_xmpps-client', port: number) => ({
    srv: Object.fromEntries(WORLD_DOMAINS.map((d) => [`${service}._tcp.${ascii(d)}`, [{ priority: 0, weight: 0, port, target: 'hosting.test' }]])),
    a: { 'hosting.test': ['127.0.0.1'], ...(upload === undefined ? {} : { [UPLOAD_SERVICE]: ['127.0.0.1'] }) },
    nodata: WORLD_DOMAINS.map((d) => `${service === '_xmpp-client' ? '_xmpps-client' : '_xmpp-client'}._tcp.${ascii(d)}`),
  });
  const dns: Record<Transport, TestDnsServer> = {
    starttls: await startDnsServer(zone('_xmpp-client', prosody.starttlsPort)),
    direct: await startDnsServer(zone('_xmpps-client', prosody.directTlsPort)),
  };

  const sites: Record<string, { certPem: string; keyPem: string }> = {};
  for (const d of [...WORLD_DOMAINS, 'hosting.test'].map(ascii)) sites[d] = await createTestCertificate({ commonName: d, dnsNames: [d], issuer: ca });
  const web = await startPoshHttpsServer({ sites });
  const publish = () => {
    const fingerprints = { fingerprints: [{ 'sha-256': summarizeCertificate(hosting.der).sha256 }], expires: 3600 };
    web.route('posh.test', POSH_PATH, { kind: 'json', body: fingerprints });
    web.route(ascii('köln.test'), POSH_PATH, { kind: 'json', body: fingerprints });
    web.route('ref.test', POSH_PATH, { kind: 'json', body: { url: 'https://hosting.test/posh/ref.test.json', expires: 3600 } });
    web.route('hosting.test', '/posh/ref.test.json', { kind: 'json', body: fingerprints });
    // liar.test's own statement names a certificate its server does not present.
    web.route('liar.test', POSH_PATH, { kind: 'json', body: { fingerprints: [{ 'sha-256': summarizeCertificate(stranger.der).sha256 }], expires: 3600 } });
    for (const d of ['valid.test', 'noposh.test', 'self.test', ascii('bücher.test')]) {
      web.route(d, POSH_PATH, { kind: 'status', status: 404 });
      web.route(d, SEED_PATH, { kind: 'status', status: 404 });
    }
  };
  publish();

  const world: AppWorld = {
    ca,
    prosody,
    web,
    hosting,
    network: (transport) => ({
      ca: [...rootCertificates, ca.certPem],
      dns: createDnsResolver(dns[transport].address),
      lookup: createNameLookup({ resolver: createDnsResolver(dns[transport].address) }),
      // Only HTTPS (POSH) goes to the test web server; XMPP goes where SRV says. SNI and the certificate check
      // stay on the URL's host name.
      connectTo: (host, port) => (port === 443 ? { host: '127.0.0.1', port: web.port } : { host, port }),
    }),
    rotateHostingKey: async () => {
      hosting = await createTestCertificate({ commonName: 'hosting.test', dnsNames: ['hosting.test'], issuer: ca });
      world.hosting = hosting;
      await prosody.replaceCertificates(hostedDomains.map((domain) => ({ domain, certPem: hosting.certPem, keyPem: hosting.keyPem })));
      publish(); // the domains that delegate by POSH publish the new key too
      return hosting;
    },
    close: async () => {
      await Promise.all([prosody.stop(), dns.starttls.close(), dns.direct.close(), web.close()]);
    },
  };
  return world;
}
