/**
 * tls-server-end-point data (RFC 5929 §4.1): the certificate hashed with its signature's hash, SHA-256 in
 * place of SHA-1 (and MD5), and no binding where RFC 5929 defines none. Certificates are made here with
 * @peculiar/x509 for each signature algorithm; the expected hash is written in each case, not derived by the
 * code under test.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { serverEndPointData, serverEndPointHash } from '../../../../main/xmpp/sasl/server-end-point.js';

const subtle = webcrypto as unknown as Crypto;

async function selfSigned(keyAlgorithm: RsaHashedKeyGenParams | EcKeyGenParams, signingAlgorithm: Algorithm & { hash?: string }): Promise<Uint8Array> {
  const keys = (await subtle.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: '01', name: 'CN=end-point.test', notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01'), signingAlgorithm, keys },
    subtle,
  );
  return new Uint8Array(certificate.rawData);
}

const rsa = (hash: string): RsaHashedKeyGenParams => ({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash });

describe('serverEndPointData', () => {
  it.each([
    ['RSA with SHA-1 → SHA-256 (RFC 5929 §4.1)', rsa('SHA-1'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, 'sha256'],
    ['RSA with SHA-256', rsa('SHA-256'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, 'sha256'],
    ['RSA with SHA-384', rsa('SHA-384'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, 'sha384'],
    ['RSA with SHA-512', rsa('SHA-512'), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, 'sha512'],
    ['ECDSA P-256 with SHA-256', { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }, 'sha256'],
    ['ECDSA P-384 with SHA-384', { name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }, 'sha384'],
    ['ECDSA P-256 with SHA-512', { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-512' }, 'sha512'],
  ] as const)('%s', async (_label, keyAlgorithm, signingAlgorithm, expected) => {
    const der = await selfSigned(keyAlgorithm, signingAlgorithm);
    expect(serverEndPointHash(der)).toBe(expected);
    expect(Buffer.from(serverEndPointData(der) ?? [])).toEqual(createHash(expected).update(der).digest());
  });

  it('has no binding for a signature algorithm RFC 5929 gives no hash for (an unknown OID)', async () => {
    const der = Buffer.from(await selfSigned({ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }));
    // ecdsa-with-SHA256 is 06 08 2a8648ce3d040302; the outer signatureAlgorithm is its last occurrence.
    const oid = Buffer.from('06082a8648ce3d040302', 'hex');
    const at = der.lastIndexOf(oid);
    expect(at).toBeGreaterThan(0);
    der[at + oid.length - 1] = 0x09;
    expect(serverEndPointHash(der)).toBeNull();
    expect(serverEndPointData(der)).toBeNull();
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['not a SEQUENCE', Uint8Array.of(0x04, 0x00)],
    ['truncated', Uint8Array.of(0x30, 0x82, 0x01, 0x00, 0x30)],
  ])('has no binding for malformed DER (%s)', (_label, der) => {
    expect(serverEndPointData(der)).toBeNull();
  });

  it('reads the outer signatureAlgorithm, not bytes after the certificate', async () => {
    const der = await selfSigned({ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' });
    expect(serverEndPointHash(Buffer.concat([der, Buffer.of(0)]))).toBeNull();
  });
});
