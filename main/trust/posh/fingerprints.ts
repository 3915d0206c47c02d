/**
 * Certificate fingerprints as POSH defines them: a hash over the whole DER of the end-entity certificate
 * (not its SubjectPublicKeyInfo), compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PoshHash } from '../../../app/domain/trust.js';

/** The hashes RFC 7711 documents may use here; sha-1 is only reachable through the seed draft's `x5t`. */
export type RfcPoshHash = Exclude<PoshHash, 'sha-1'>;

const RFC_POSH_HASHES: readonly RfcPoshHash[] = ['sha-256', 'sha-384', 'sha-512'];

/** Digest length in bytes: a published value of any other length is malformed. */
export const DIGEST_LENGTH: Readonly<Record<PoshHash, number>> = {
  'sha-1': 20,
  'sha-256': 32,
  'sha-384': 48,
  'sha-512': 64,
};

const NODE_ALGORITHM: Readonly<Record<PoshHash, string>> = {
  'sha-1': 'sha1',
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

export function isRfcPoshHash(name: string): name is RfcPoshHash {
  return (RFC_POSH_HASHES as readonly string[]).includes(name);
}

/** Hash the certificate DER with one POSH hash. */
export function certificateDigest(der: Uint8Array, hash: PoshHash): Uint8Array {
  return new Uint8Array(createHash(NODE_ALGORITHM[hash]).update(der).digest());
}

/** Constant-time equality; lengths are checked first because `timingSafeEqual` throws on a mismatch. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return timingSafeEqual(a, b);
}
