/**
 * What proving a hosted server costs: resolve → TLS → verify against a real Prosody, for a domain verified by
 * PKIX, one verified by POSH with a fresh lookup, and one verified by POSH from the cache. The POSH lookup
 * runs alongside DNS and the handshake, so its cost should mostly hide behind them.
 * Caveat when reading the numbers: every server (Prosody aside) runs in this same process on two cores, so
 * the HTTPS work of a POSH lookup is paid here on both sides of the connection. The PKIX case still starts its
 * lookup (two 404s) but no longer waits for it.
 */
import { rootCertificates } from 'node:tls';
import { createDnsResolver, createNameLookup } from '../../main/net/name-lookup.js';
import { summarizeCertificate } from '../../main/trust/certificate.js';
import { createMemoryPoshCachePersistence } from '../../main/trust/posh/posh-cache.js';
import { createPoshVerifier, type PoshVerifier } from '../../main/trust/posh/verify-posh.js';
import { connectVerified } from '../../main/xmpp/connect-verified.js';
import { createXmppResolver } from '../../main/xmpp/resolver.js';
import { startDnsServer } from '../harness/dns-server.js';
import { startPoshHttpsServer } from '../harness/posh-https-server.js';
import { startProsody } from '../harness/prosody.js';
import { createTestCa, createTestCertificate } from '../harness/test-pki.js';
import type { Comparison } from './compare.js';

export async function connectComparison(): Promise<{ comparison: Comparison; stop: () => Promise<void> }> {
  const testCa = await createTestCa();
  const ca = [...rootCertificates, testCa.certPem];
  const valid = await createTestCertificate({ commonName: 'valid.test', dnsNames: ['valid.test'], issuer: testCa });
  const hosting = await createTestCertificate({ commonName: 'hosting.test', dnsNames: ['hosting.test'], issuer: testCa });
  const prosody = await startProsody({
    hosts: [
      { domain: 'valid.test', certPem: valid.certPem, keyPem: valid.keyPem },
      { domain: 'posh.test', certPem: hosting.certPem, keyPem: hosting.keyPem },
    ],
  });
  const dns = await startDnsServer({
    srv: Object.fromEntries(
      ['valid.test', 'posh.test'].map((d) => [`_xmpp-client._tcp.${d}`, [{ priority: 0, weight: 0, port: prosody.starttlsPort, target: 'hosting.test' }]]),
    ),
    a: { 'hosting.test': ['127.0.0.1'] },
    nodata: ['_xmpps-client._tcp.valid.test', '_xmpps-client._tcp.posh.test'],
  });
  const site = await createTestCertificate({ commonName: 'posh.test', dnsNames: ['posh.test', 'valid.test'], issuer: testCa });
  const web = await startPoshHttpsServer({ sites: { 'posh.test': site, 'valid.test': site } });
  web.route('posh.test', '/.well-known/posh/xmpp-client.json', {
    kind: 'json',
    body: { fingerprints: [{ 'sha-256': summarizeCertificate(hosting.der).sha256 }], expires: 3600 },
  });
  web.route('valid.test', '/.well-known/posh/xmpp-client.json', { kind: 'status', status: 404 });
  web.route('valid.test', '/.well-known/posh._xmpp-client._tcp.json', { kind: 'status', status: 404 });

  const resolver = createXmppResolver({ resolver: createDnsResolver(dns.address) });
  const lookup = createNameLookup({ resolver: createDnsResolver(dns.address) });
  const freshVerifier = () =>
    createPoshVerifier({ fetchOptions: { ca, ...web.dial }, now: () => new Date(), persistence: createMemoryPoshCachePersistence() });
  const run = async (domain: string, posh: PoshVerifier) => {
    const { connection, verdict } = await connectVerified(
      { domain },
      { resolver, lookup, ca, posh, pins: { get: async () => null }, now: () => new Date() },
    );
    connection.socket.destroy();
    if (!verdict.verified) throw new Error(`${domain} was not verified: ${verdict.summary}`);
  };
  const cached = freshVerifier();
  await run('posh.test', cached);

  return {
    comparison: {
      title: 'Verified connect (resolve, TLS, verify) to a real Prosody',
      alternatives: [
        { name: 'PKIX (certificate names the domain)', iterations: 30, run: () => run('valid.test', freshVerifier()) },
        { name: 'POSH, fresh lookup', iterations: 30, run: () => run('posh.test', freshVerifier()) },
        { name: 'POSH, from the cache', iterations: 30, run: () => run('posh.test', cached) },
      ],
    },
    stop: async () => {
      await Promise.all([prosody.stop(), dns.close(), web.close()]);
    },
  };
}
