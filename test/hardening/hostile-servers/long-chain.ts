/**
 * A certificate chain of any length for one name: a self-signed top CA, `length - 2` intermediate CAs each
 * signed by the one above, and a leaf for `domain` signed by the last. The server sends all of it. Built here
 * rather than in test-pki.ts because only the hostile-server rows need CAs signed by CAs.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { createTestCertificate, type TestCa, type TestCertificate } from '../../harness/test-pki.js';

const crypto = webcrypto as unknown as Crypto;
const KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LongChain {
  /** Leaf first, then every CA up to and including the top, as one PEM (what the server presents). */
  readonly certPem: string;
  readonly keyPem: string;
  /** The top CA: trusting it would make the chain valid. */
  readonly top: TestCa;
  readonly length: number;
}

export async function createLongChain(domain: string, length: number): Promise<LongChain> {
  if (length < 2) throw new Error('A chain has a leaf and at least one CA');
  const top = await caCertificate('Long Chain CA 1', null);
  const cas: TestCa[] = [top];
  for (let i = 2; i < length; i++) cas.push(await caCertificate(`Long Chain CA ${i}`, cas[cas.length - 1]!));
  const leaf: TestCertificate = await createTestCertificate({ commonName: domain, dnsNames: [domain], issuer: cas[cas.length - 1]! });
  const certPem = [leaf.certPem, ...cas.reverse().map((ca) => ca.certPem)].join('\n');
  return { certPem, keyPem: leaf.keyPem, top, length };
}

/** A CA with no path length limit (so only the length the verifier allows can end the chain). */
async function caCertificate(commonName: string, issuer: TestCa | null): Promise<TestCa> {
  const keys = await crypto.subtle.generateKey(KEY, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
  ];
  const name = `CN=${commonName}`;
  const validity = { notBefore: new Date(Date.now() - DAY_MS), notAfter: new Date(Date.now() + 30 * DAY_MS) };
  const serialNumber = Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex').replace(/^./, '1');
  const certificate =
    issuer === null
      ? await x509.X509CertificateGenerator.createSelfSigned({ serialNumber, name, keys, signingAlgorithm: SIGNING, extensions, ...validity }, crypto)
      : await x509.X509CertificateGenerator.create(
          {
            serialNumber,
            subject: name,
            issuer: issuer.certificate.subject,
            publicKey: keys.publicKey,
            signingKey: issuer.keys.privateKey,
            signingAlgorithm: SIGNING,
            extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate, false, crypto)],
            ...validity,
          },
          crypto,
        );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    commonName,
    certPem: certificate.toString('pem'),
    keyPem: `-----BEGIN PRIVATE KEY-----\n${(pkcs8.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PRIVATE KEY-----\n`,
    der: Buffer.from(certificate.rawData),
    certificate,
    keys,
  };
}
