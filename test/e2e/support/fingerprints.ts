/**
 * Expected fingerprints computed straight from the test certificates with Node's crypto, independently of the
 * app's own certificate code: standard base64 of SHA-256 over the certificate DER (RFC 7711) and over the
 * SubjectPublicKeyInfo DER (what a pin names).
 */
import { createHash, X509Certificate } from 'node:crypto';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

export function certificateSha256(der: Buffer): string {
  return sha256(der);
}

export function publicKeySha256(der: Buffer): string {
  return sha256(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }));
}
