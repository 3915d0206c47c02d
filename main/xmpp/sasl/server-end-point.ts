/**
 * `tls-server-end-point` channel-binding data (RFC 5929 §4.1): the hash of the server's certificate DER, with
 * the hash function its signature algorithm uses, except that MD5 and SHA-1 are replaced by SHA-256. A
 * signature algorithm that uses no single hash (Ed25519, Ed448) or hides it in parameters (RSASSA-PSS) has no
 * defined binding: then this type is not available, rather than guessed.
 *
 * The algorithm is read from the certificate's outer `signatureAlgorithm` (the signer's choice), with the
 * strict DER reader main/trust/ already uses for certificates from the network.
 */
import { createHash } from 'node:crypto';
import { DER_TAG, readTlv } from '../../trust/der.js';

type BindingHash = 'sha256' | 'sha384' | 'sha512' | 'sha224';

const OBJECT_IDENTIFIER = 0x06;

/** Signature algorithm OIDs (DER content bytes, hex) → the hash RFC 5929 says to use. */
const HASH_BY_SIGNATURE_OID: ReadonlyMap<string, BindingHash> = new Map([
  ['2a864886f70d010104', 'sha256'], // md5WithRSAEncryption → SHA-256 (RFC 5929 §4.1)
  ['2a864886f70d010105', 'sha256'], // sha1WithRSAEncryption → SHA-256
  ['2a864886f70d01010e', 'sha224'], // sha224WithRSAEncryption
  ['2a864886f70d01010b', 'sha256'], // sha256WithRSAEncryption
  ['2a864886f70d01010c', 'sha384'], // sha384WithRSAEncryption
  ['2a864886f70d01010d', 'sha512'], // sha512WithRSAEncryption
  ['2a8648ce3d0401', 'sha256'], // ecdsa-with-SHA1 → SHA-256
  ['2a8648ce3d040301', 'sha224'], // ecdsa-with-SHA224
  ['2a8648ce3d040302', 'sha256'], // ecdsa-with-SHA256
  ['2a8648ce3d040303', 'sha384'], // ecdsa-with-SHA384
  ['2a8648ce3d040304', 'sha512'], // ecdsa-with-SHA512
  ['2a8648ce380403', 'sha256'], // dsa-with-sha1 → SHA-256
  ['608648016503040302', 'sha256'], // dsa-with-sha256
]);

/** The hash RFC 5929 assigns to this certificate, or null when it defines none (or the DER is malformed). */
export function serverEndPointHash(der: Uint8Array): BindingHash | null {
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue }
  const certificate = readTlv(der, 0);
  if (certificate?.tag !== DER_TAG.sequence || certificate.end !== der.length) return null;
  const tbs = readTlv(der, certificate.contentStart);
  if (tbs?.tag !== DER_TAG.sequence) return null;
  const algorithm = readTlv(der, tbs.end);
  if (algorithm?.tag !== DER_TAG.sequence || algorithm.end > certificate.end) return null;
  const oid = readTlv(der, algorithm.contentStart);
  if (oid?.tag !== OBJECT_IDENTIFIER || oid.end > algorithm.end) return null;
  const key = Buffer.from(der.subarray(oid.contentStart, oid.end)).toString('hex');
  return HASH_BY_SIGNATURE_OID.get(key) ?? null;
}

/** The `tls-server-end-point` binding data for this certificate, or null when RFC 5929 defines none. */
export function serverEndPointData(der: Uint8Array): Uint8Array | null {
  const hash = serverEndPointHash(der);
  return hash === null ? null : new Uint8Array(createHash(hash).update(der).digest());
}
