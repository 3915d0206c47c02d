/**
 * Match POSH material against the leaf certificate the XMPP server presented. A match stands in for both
 * the chain and the name check, so it counts only while the certificate itself is valid (RFC 7711: an
 * expired certificate is never valid, whatever POSH says).
 */
import 'reflect-metadata';
import { X509Certificate } from '@peculiar/x509';
import type { PoshHash, PoshMatch } from '../../../app/domain/trust.js';
import { encodeBase64, encodeBase64Url } from '../../encoding/base64.js';
import { certificateDigest, digestsEqual } from './fingerprints.js';
import type { PoshFingerprint, PoshMaterial } from './material.js';

export type PoshMatchOutcome =
  | { readonly kind: 'match'; readonly match: PoshMatch }
  | { readonly kind: 'no-match'; readonly reason: string }
  /** A fingerprint matched, but the certificate is expired or not yet valid: not a verification. */
  | { readonly kind: 'outside-validity'; readonly match: PoshMatch; readonly reason: string }
  | { readonly kind: 'unreadable-certificate'; readonly reason: string };

/** How a matched value is displayed: x5t stays base64url as the seed publishes it; RFC values canonical base64. */
function displayFingerprint(fingerprint: PoshFingerprint): string {
  return fingerprint.hash === 'sha-1' ? encodeBase64Url(fingerprint.digest) : encodeBase64(fingerprint.digest);
}

export function matchPoshMaterial(material: PoshMaterial, leafDer: Uint8Array, now: Date): PoshMatchOutcome {
  let validity: { notBefore: Date; notAfter: Date };
  try {
    // A copy typed over a plain ArrayBuffer, as the parser's signature asks (the caller's view may be shared).
    const certificate = new X509Certificate(Uint8Array.from(leafDer));
    validity = { notBefore: certificate.notBefore, notAfter: certificate.notAfter };
  } catch (error) {
    return { kind: 'unreadable-certificate', reason: `the presented certificate cannot be parsed: ${String(error)}` };
  }

  const digests = new Map<PoshHash, Uint8Array>();
  const digestOf = (hash: PoshHash): Uint8Array => {
    let digest = digests.get(hash);
    if (digest === undefined) {
      digest = certificateDigest(leafDer, hash);
      digests.set(hash, digest);
    }
    return digest;
  };

  const found = material.fingerprints.find((fingerprint) => digestsEqual(digestOf(fingerprint.hash), fingerprint.digest));
  if (found === undefined) {
    return {
      kind: 'no-match',
      reason: `none of the ${material.fingerprints.length} published fingerprint(s) matches the presented certificate`,
    };
  }

  const match: PoshMatch = { hash: found.hash, fingerprint: displayFingerprint(found), url: found.url };
  // Validity bounds are inclusive (RFC 5280 §4.1.2.5).
  if (now.getTime() < validity.notBefore.getTime()) {
    return {
      kind: 'outside-validity',
      match,
      reason: `the certificate matches POSH but is not valid before ${validity.notBefore.toISOString()}`,
    };
  }
  if (now.getTime() > validity.notAfter.getTime()) {
    return {
      kind: 'outside-validity',
      match,
      reason: `the certificate matches POSH but expired on ${validity.notAfter.toISOString()}`,
    };
  }
  return { kind: 'match', match };
}
