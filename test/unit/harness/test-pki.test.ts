/** The test PKI must produce what the trust tests rely on: SRV-ID and XmppAddr names, chains, validity. */
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectAlternativeName } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, createTestCertificate, OID_SRV_NAME, OID_XMPP_ADDR, type TestCa } from '../../harness/test-pki.js';

let ca: TestCa;
beforeAll(async () => {
  ca = await createTestCa({ commonName: 'Hostproof Test CA' });
});

describe('createTestCertificate', () => {
  it('puts DNS, SRV-ID and XmppAddr names in the subjectAltName, as node:crypto reads them', async () => {
    const leaf = await createTestCertificate({
      commonName: 'hosting.test',
      dnsNames: ['hosting.test'],
      srvNames: ['_xmpp-client.hosted.test'],
      xmppAddrs: ['hosted.test'],
      issuer: ca,
    });
    const parsed = new X509Certificate(leaf.der);
    expect(parsed.subjectAltName).toBe('DNS:hosting.test, othername:SRVName:_xmpp-client.hosted.test, othername:XmppAddr:hosted.test');
    expect(parsed.subject).toBe('CN=hosting.test');
  });

  it('encodes SRV-ID as IA5String and XmppAddr as UTF8String inside otherName (read back from the DER)', async () => {
    const leaf = await createTestCertificate({
      commonName: 'hosting.test',
      srvNames: ['_xmpp-client.hosted.test'],
      xmppAddrs: ['bücher.test'],
      issuer: ca,
    });
    const extension = new x509.X509Certificate(Uint8Array.from(leaf.der)).getExtension('2.5.29.17');
    expect(extension).not.toBeNull();
    const names = AsnConvert.parse(extension!.value, SubjectAlternativeName);
    const others = names.map((name) => name.otherName).filter((name) => name !== undefined);
    expect(others.map((name) => name.typeId)).toEqual([OID_SRV_NAME, OID_XMPP_ADDR]);
    const [srv, xmpp] = others.map((name) => Buffer.from(name.value));
    expect(srv?.[0]).toBe(0x16); // IA5String
    expect(srv?.subarray(2).toString('ascii')).toBe('_xmpp-client.hosted.test');
    expect(xmpp?.[0]).toBe(0x0c); // UTF8String
    expect(xmpp?.subarray(2).toString('utf8')).toBe('bücher.test');
  });

  it('chains to the CA that issued it, and not to another CA', async () => {
    const leaf = await createTestCertificate({ commonName: 'example.test', dnsNames: ['example.test'], issuer: ca });
    const stranger = await createTestCa({ commonName: 'Untrusted CA' });
    const parsed = new X509Certificate(leaf.der);
    expect(leaf.caPem).toBe(ca.certPem);
    expect(parsed.checkIssued(new X509Certificate(ca.der))).toBe(true);
    expect(parsed.verify(new X509Certificate(ca.der).publicKey)).toBe(true);
    expect(parsed.verify(new X509Certificate(stranger.der).publicKey)).toBe(false);
    expect(new X509Certificate(ca.der).ca).toBe(true);
    expect(parsed.ca).toBe(false);
  });

  it('self-signs when no issuer is given', async () => {
    const leaf = await createTestCertificate({ commonName: 'lonely.test', dnsNames: ['lonely.test'] });
    const parsed = new X509Certificate(leaf.der);
    expect(parsed.issuer).toBe(parsed.subject);
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(leaf.caPem).toBe(leaf.certPem);
  });

  it('honours notBefore/notAfter (to the second)', async () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2020-06-01T00:00:00Z');
    const leaf = await createTestCertificate({ commonName: 'old.test', notBefore, notAfter, issuer: ca });
    const parsed = new x509.X509Certificate(Uint8Array.from(leaf.der));
    expect(parsed.notBefore.toISOString()).toBe(notBefore.toISOString());
    expect(parsed.notAfter.toISOString()).toBe(notAfter.toISOString());
  });

  it('gives a private key that belongs to the certificate', async () => {
    const leaf = await createTestCertificate({ commonName: 'keyed.test', issuer: ca });
    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    const fromKey = createPublicKey(createPrivateKey(leaf.keyPem)).export({ type: 'spki', format: 'der' });
    const fromCert = new X509Certificate(leaf.der).publicKey.export({ type: 'spki', format: 'der' });
    expect(Buffer.compare(fromKey, fromCert)).toBe(0);
  });
});
