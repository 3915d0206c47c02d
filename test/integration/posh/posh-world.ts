/**
 * Shared setting for the POSH integration tests: a trusted test CA, an untrusted one, web certificates
 * for the hosts the scenarios play, and XMPP leaf certificates whose fingerprints get published.
 *
 * Hosts: example.test (the JID domain) and hosting.test (the provider) have good web certificates;
 * untrusted.test is signed by a CA the client is not given; wrongname.test presents a certificate for
 * another name; expiredweb.test presents an expired one.
 */
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { createHash } from 'node:crypto';
import type { PoshLookupOptions } from '../../../main/trust/posh/lookup.js';
import { startPoshHttpsServer, type PoshHttpsServer } from '../../harness/posh-https-server.js';
import { createTestCa, createTestCertificate, type TestCa, type TestCertificate } from '../../harness/test-pki.js';

export const DOMAIN = 'example.test';
export const RFC_PATH = '/.well-known/posh/xmpp-client.json';
export const SEED_PATH = '/.well-known/posh._xmpp-client._tcp.json';
export const RFC_URL = `https://${DOMAIN}${RFC_PATH}`;
export const SEED_URL = `https://${DOMAIN}${SEED_PATH}`;
export const HOSTING_PATH = '/posh/example.test.json';
export const HOSTING_URL = `https://hosting.test${HOSTING_PATH}`;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PoshWorld {
  readonly ca: TestCa;
  readonly untrustedCa: TestCa;
  readonly sites: Record<string, { certPem: string; keyPem: string }>;
  /** The certificate hosting.test's XMPP server presents (it names hosting.test, not example.test). */
  readonly xmppLeaf: TestCertificate;
  /** A later certificate of the same provider (rollover). */
  readonly xmppNextLeaf: TestCertificate;
  /** Expired yesterday. */
  readonly xmppExpiredLeaf: TestCertificate;
}

export async function createPoshWorld(): Promise<PoshWorld> {
  const ca = await createTestCa({ commonName: 'Hostproof POSH Test CA' });
  const untrustedCa = await createTestCa({ commonName: 'Somebody Else CA' });
  const web = (name: string, issuer: TestCa = ca, extra: { notBefore?: Date; notAfter?: Date; certName?: string } = {}) =>
    createTestCertificate({
      commonName: extra.certName ?? name,
      dnsNames: [extra.certName ?? name],
      issuer,
      ...(extra.notBefore ? { notBefore: extra.notBefore } : {}),
      ...(extra.notAfter ? { notAfter: extra.notAfter } : {}),
    });
  const [example, hosting, untrusted, wrongname, expiredweb] = await Promise.all([
    web('example.test'),
    web('hosting.test'),
    web('untrusted.test', untrustedCa),
    web('wrongname.test', ca, { certName: 'someone-else.test' }),
    web('expiredweb.test', ca, { notBefore: new Date(Date.now() - 60 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) }),
  ]);
  const xmpp = (extra: { notBefore?: Date; notAfter?: Date } = {}) =>
    createTestCertificate({ commonName: 'hosting.test', dnsNames: ['hosting.test'], issuer: ca, ...extra });
  const [xmppLeaf, xmppNextLeaf, xmppExpiredLeaf] = await Promise.all([
    xmpp(),
    xmpp(),
    xmpp({ notBefore: new Date(Date.now() - 60 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) }),
  ]);
  const site = (certificate: TestCertificate) => ({ certPem: certificate.certPem, keyPem: certificate.keyPem });
  return {
    ca,
    untrustedCa,
    sites: {
      'example.test': site(example),
      'hosting.test': site(hosting),
      'untrusted.test': site(untrusted),
      'wrongname.test': site(wrongname),
      'expiredweb.test': site(expiredweb),
    },
    xmppLeaf,
    xmppNextLeaf,
    xmppExpiredLeaf,
  };
}

export function startWorldServer(world: PoshWorld): Promise<PoshHttpsServer> {
  return startPoshHttpsServer({ sites: world.sites });
}

/**
 * Options that reach the test server for every host and trust only the test CA. Every name resolves to
 * 127.0.0.1 here, so redirects and references would be refused as probes of the user's network
 * (posh.md §3); `allowPrivateAddressesForTests` is the test-only switch that lets them through. The
 * policy itself is tested with the switch off in no-probing.test.ts.
 */
export function fetchOptionsFor(world: PoshWorld, server: PoshHttpsServer, extra: Partial<PoshLookupOptions> = {}): PoshLookupOptions {
  return { ca: [world.ca.certPem], ...server.dial, allowPrivateAddressesForTests: true, ...extra };
}

/** Standard base64 of a certificate hash, computed independently of the code under test. */
export function fingerprint(certificate: TestCertificate, algorithm: 'sha256' | 'sha384' | 'sha512' | 'sha1' = 'sha256'): string {
  return createHash(algorithm).update(certificate.der).digest('base64');
}

export function x5t(certificate: TestCertificate): string {
  return createHash('sha1').update(certificate.der).digest('base64url');
}

export function fingerprintsDocument(certificates: readonly TestCertificate[], expires: unknown = 3600): Record<string, unknown> {
  return { fingerprints: certificates.map((certificate) => ({ 'sha-256': fingerprint(certificate) })), expires };
}

/**
 * Registers the hooks every POSH integration file uses: one world (CA and certificates) per file, a fresh
 * HTTPS server per test. The setters hand them to the file's own variables.
 */
export function usePoshServer(setWorld: (world: PoshWorld) => void, setServer: (server: PoshHttpsServer) => void): void {
  let world: PoshWorld | undefined;
  let server: PoshHttpsServer | undefined;
  beforeAll(async () => {
    world = await createPoshWorld();
    setWorld(world);
  });
  beforeEach(async () => {
    server = await startWorldServer(world!);
    setServer(server);
  });
  afterEach(async () => {
    await server?.close();
  });
}
