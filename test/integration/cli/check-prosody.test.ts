/**
 * `hostproof-posh check` end to end: a real Prosody serving four hosted domains, a real DNS server with their
 * SRV records, and a real HTTPS server publishing (or not) their POSH documents, all with a generated CA.
 *   valid.test       presents a CA-valid certificate for valid.test                      → PKIX
 *   posh.test        presents the provider's certificate (hosting.test); POSH published  → POSH
 *   noposh.test      presents the provider's certificate; no POSH                        → undecided: delegated-host
 *   selfsigned.test  presents a self-signed certificate for itself                       → undecided: untrusted
 * Each over STARTTLS (via _xmpp-client SRV) and over direct TLS (via _xmpps-client SRV).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMPP_CLIENT_SERVICE } from '../../../app/domain/trust.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { createPinStore } from '../../../main/store/pin-store.js';
import { summarizeCertificate } from '../../../main/trust/certificate.js';
import { startDnsServer, type TestDnsServer } from '../../harness/dns-server.js';
import { startPoshHttpsServer, type PoshHttpsServer } from '../../harness/posh-https-server.js';
import { startProsody, type Prosody } from '../../harness/prosody.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { createTestCa, createTestCertificate, type TestCertificate } from '../../harness/test-pki.js';
import { runPosh } from './run-posh-command.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');
const DOMAINS = ['valid.test', 'posh.test', 'noposh.test', 'selfsigned.test'] as const;
const POSH_PATH = '/.well-known/posh/xmpp-client.json';

describe.runIf(available)('hostproof-posh check against a real Prosody', () => {
  let dir: string;
  let prosody: Prosody;
  let web: PoshHttpsServer;
  let starttlsDns: TestDnsServer;
  let directDns: TestDnsServer;
  let hosting: TestCertificate;
  let selfSigned: TestCertificate;
  let caFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-cli-'));
    const ca = await createTestCa();
    caFile = path.join(dir, 'ca.pem');
    await writeFile(caFile, ca.certPem);
    const valid = await createTestCertificate({ commonName: 'valid.test', dnsNames: ['valid.test'], issuer: ca });
    hosting = await createTestCertificate({ commonName: 'hosting.test', dnsNames: ['hosting.test'], issuer: ca });
    selfSigned = await createTestCertificate({ commonName: 'selfsigned.test', dnsNames: ['selfsigned.test'] });

    prosody = await startProsody({
      hosts: [
        { domain: 'valid.test', certPem: valid.certPem, keyPem: valid.keyPem },
        { domain: 'posh.test', certPem: hosting.certPem, keyPem: hosting.keyPem },
        { domain: 'noposh.test', certPem: hosting.certPem, keyPem: hosting.keyPem },
        { domain: 'selfsigned.test', certPem: selfSigned.certPem, keyPem: selfSigned.keyPem },
      ],
    });

    const zone = (service: '_xmpp-client' | '_xmpps-client', port: number) => ({
      srv: Object.fromEntries(DOMAINS.map((d) => [`${service}._tcp.${d}`, [{ priority: 0, weight: 0, port, target: 'hosting.test' }]])),
      a: { 'hosting.test': ['127.0.0.1'] },
      nodata: DOMAINS.map((d) => `${service === '_xmpp-client' ? '_xmpps-client' : '_xmpp-client'}._tcp.${d}`),
    });
    starttlsDns = await startDnsServer(zone('_xmpp-client', prosody.starttlsPort));
    directDns = await startDnsServer(zone('_xmpps-client', prosody.directTlsPort));

    const sites: Record<string, { certPem: string; keyPem: string }> = {};
    for (const d of DOMAINS) sites[d] = await createTestCertificate({ commonName: d, dnsNames: [d], issuer: ca });
    web = await startPoshHttpsServer({ sites });
    web.route('posh.test', POSH_PATH, {
      kind: 'json',
      body: { fingerprints: [{ 'sha-256': summarizeCertificate(hosting.der).sha256 }], expires: 3600 },
    });
    for (const d of ['valid.test', 'noposh.test', 'selfsigned.test']) {
      web.route(d, POSH_PATH, { kind: 'status', status: 404 });
      web.route(d, '/.well-known/posh._xmpp-client._tcp.json', { kind: 'status', status: 404 });
    }
  });

  afterAll(async () => {
    await Promise.all([prosody?.stop(), web?.close(), starttlsDns?.close(), directDns?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const check = (domain: string, transport: 'starttls' | 'direct', extra: string[] = []) =>
    runPosh([
      'check', `alice@${domain}`, '--json',
      '--dns', transport === 'starttls' ? starttlsDns.address : directDns.address,
      '--ca', caFile,
      ...DOMAINS.flatMap((d) => ['--connect-to', `${d}:443:127.0.0.1:${web.port}`]),
      '--timeout', '15000',
      ...extra,
    ]);

  const parse = (stdout: string) => JSON.parse(stdout) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  describe.each(['starttls', 'direct'] as const)('over %s', (transport) => {
    const expectedPort = () => (transport === 'starttls' ? prosody.starttlsPort : prosody.directTlsPort);

    it('(a) a CA-valid certificate for the domain is verified by PKIX, exit 0', async () => {
      const result = await check('valid.test', transport);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const report = parse(result.stdout);
      expect(report.domain).toBe('valid.test');
      expect(report.connected).toMatchObject({ host: 'hosting.test', port: expectedPort(), directTls: transport === 'direct' });
      expect(report.pkix).toMatchObject({ ok: true, error: null });
      expect(report.verdict).toMatchObject({ verified: true, method: 'pkix' });
      expect(report.certificate.names.dns).toEqual(['valid.test']);
      expect(report.pin).toEqual(expect.objectContaining({ status: 'none' }));
    });

    it('(b) the provider\'s certificate with POSH published is verified by POSH, exit 0', async () => {
      const result = await check('posh.test', transport);
      expect(result.status).toBe(0);
      const report = parse(result.stdout);
      expect(report.pkix.ok).toBe(false);
      expect(report.posh).toMatchObject({ status: 'verified', format: 'rfc7711' });
      expect(report.posh.steps[0]).toMatchObject({ url: `https://posh.test${POSH_PATH}`, status: 200, kind: 'fingerprints' });
      expect(typeof report.posh.expires).toBe('string');
      expect(report.verdict).toMatchObject({ verified: true, method: 'posh' });
      expect(report.verdict.warnings).toContain('delegated-host');
      expect(report.certificate.sha256).toBe(summarizeCertificate(hosting.der).sha256);
      expect(report.verdict.summary).toContain('hosting.test');
    });

    it('(c) the provider\'s certificate without POSH is not verified: delegated host, exit 1', async () => {
      const result = await check('noposh.test', transport);
      expect(result.status).toBe(1);
      const report = parse(result.stdout);
      expect(report.posh.status).toBe('absent');
      expect(report.posh.steps.map((s: { status: number }) => s.status)).toEqual([404, 404]);
      expect(report.pkix).toMatchObject({ ok: false, chainOk: true, nameOk: false });
      expect(report.verdict).toMatchObject({ verified: false, method: null, undecided: 'delegated-host' });
    });

    it('(d) a self-signed certificate is not verified: untrusted, exit 1', async () => {
      const result = await check('selfsigned.test', transport);
      expect(result.status).toBe(1);
      const report = parse(result.stdout);
      expect(report.pkix).toMatchObject({ ok: false, chainOk: false, nameOk: true });
      expect(report.verdict).toMatchObject({ verified: false, method: null, undecided: 'untrusted-certificate' });
      expect(report.verdict.warnings).toContain('self-signed');
    });
  });

  it('(d) with the self-signed key pinned, the check passes by pin; a different pinned key is "key changed"', async () => {
    const pinsFile = path.join(dir, 'pins.json');
    const store = createPinStore({ file: pinsFile, now: () => new Date(), locks: createPathLocks(), report: () => undefined });
    const certificate = summarizeCertificate(selfSigned.der);
    const now = new Date().toISOString();
    await store.put({ domain: 'selfsigned.test', service: XMPP_CLIENT_SERVICE, spkiSha256: certificate.spkiSha256, certificate, approvedAt: now, approvedHow: 'pinned', lastSeenAt: now, mismatchSince: null });

    const pinned = await check('selfsigned.test', 'starttls', ['--pins', pinsFile]);
    expect(pinned.status).toBe(0);
    expect(parse(pinned.stdout).verdict).toMatchObject({ verified: true, method: 'pin' });
    expect(parse(pinned.stdout).pin.status).toBe('match');

    const other = summarizeCertificate(hosting.der);
    await store.put({ domain: 'selfsigned.test', service: XMPP_CLIENT_SERVICE, spkiSha256: other.spkiSha256, certificate: other, approvedAt: now, approvedHow: 'pinned', lastSeenAt: now, mismatchSince: null });
    const changed = await check('selfsigned.test', 'starttls', ['--pins', pinsFile]);
    expect(changed.status).toBe(1);
    expect(parse(changed.stdout).verdict).toMatchObject({ verified: false, undecided: 'key-changed' });
    expect(parse(changed.stdout).verdict.warnings).toContain('key-changed');
  });

  it('prints the story in plain words without --json', async () => {
    const result = await runPosh([
      'check', 'posh.test', '--dns', starttlsDns.address, '--ca', caFile, '--connect-to', `posh.test:443:127.0.0.1:${web.port}`,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^VERIFIED /);
    expect(result.stdout).toContain('hosting.test');
    expect(result.stdout).toContain(`https://posh.test${POSH_PATH}`);
  });

  it('a user-configured host and port skip SRV (direct TLS)', async () => {
    const result = await runPosh([
      'check', 'valid.test', '--json', '--ca', caFile, '--host', '127.0.0.1', '--port', String(prosody.directTlsPort), '--direct-tls',
      '--connect-to', `valid.test:443:127.0.0.1:${web.port}`,
    ]);
    expect(result.status).toBe(0);
    expect(parse(result.stdout).connected).toMatchObject({ host: '127.0.0.1', port: prosody.directTlsPort, directTls: true, source: 'configured' });
  });

  it('a domain whose servers cannot be reached is "not verified" with the reason, exit 1', async () => {
    const result = await runPosh(['check', 'valid.test', '--json', '--ca', caFile, '--host', '127.0.0.1', '--port', '1', '--timeout', '5000']);
    expect(result.status).toBe(1);
    const report = parse(result.stdout);
    expect(report.verdict.verified).toBe(false);
    expect(report.error.message).toMatch(/127\.0\.0\.1:1/);
  });
  it('--now after the certificate expired: the POSH fingerprint still matches but proves nothing, exit 1', async () => {
    const later = new Date(hosting.notAfter.getTime() + 24 * 3600 * 1000).toISOString();
    const result = await check('posh.test', 'starttls', ['--now', later]);
    expect(result.status).toBe(1);
    const report = parse(result.stdout);
    expect(report.posh.status).not.toBe('verified');
    expect(report.posh.reason).toMatch(/expired/);
    expect(report.verdict).toMatchObject({ verified: false, undecided: 'delegated-host' });
    expect(report.verdict.warnings).toContain('expired-certificate');
  });

  it('lookup fetches and explains the POSH material without connecting to XMPP', async () => {
    const found = await runPosh(['lookup', 'posh.test', '--json', '--ca', caFile, '--connect-to', `posh.test:443:127.0.0.1:${web.port}`]);
    expect(found.status).toBe(0);
    const report = parse(found.stdout);
    expect(report).toMatchObject({ domain: 'posh.test', status: 'found', format: 'rfc7711', lifetimeSeconds: 3600 });
    expect(report.fingerprints).toEqual([{ hash: 'sha-256', value: summarizeCertificate(hosting.der).sha256, url: `https://posh.test${POSH_PATH}` }]);

    const absent = await runPosh(['lookup', 'noposh.test', '--ca', caFile, '--connect-to', `noposh.test:443:127.0.0.1:${web.port}`]);
    expect(absent.status).toBe(1);
    expect(absent.stdout).toMatch(/No usable POSH material for noposh\.test \(absent\)/);

    // Without the test CA the web server is not trusted: no material, never a pass.
    const untrusted = await runPosh(['lookup', 'posh.test', '--json', '--connect-to', `posh.test:443:127.0.0.1:${web.port}`]);
    expect(untrusted.status).toBe(1);
    expect(parse(untrusted.stdout).status).toBe('error');
  });
});

describe('hostproof-posh usage errors', () => {
  it('exits 2 with a clear message for a bad invocation', async () => {
    const result = await runPosh(['check', '--port', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/hostproof-posh: /);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
