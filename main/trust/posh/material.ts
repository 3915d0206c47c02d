/**
 * POSH material: what a successful lookup yields and what the cache keeps. Only digests survive, never
 * a reference `url`, so a stale entry cannot send the next lookup anywhere but the domain's own URL.
 */
import type { PoshFormat, PoshHash } from '../../../app/domain/trust.js';
import type { PoshDocument } from './document.js';

/** Policy: however long a publisher asks for, material is reused for at most 30 days. */
export const MAX_POSH_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

export interface PoshFingerprint {
  readonly hash: PoshHash;
  readonly digest: Uint8Array;
  /** The document that published it (the referenced one, through a reference). */
  readonly url: string;
}

export interface PoshMaterial {
  readonly domain: string;
  readonly format: PoshFormat;
  readonly fingerprints: readonly PoshFingerprint[];
  /** Seconds it may be reused: the smallest `expires` on the way, capped at 30 days. */
  readonly lifetimeSeconds: number;
}

function capLifetime(seconds: number): number {
  return Math.min(seconds, MAX_POSH_LIFETIME_SECONDS);
}

/**
 * Flatten a parsed document into material. Any fingerprint in any descriptor may match, so descriptors
 * need not survive as groups. `expires` is the effective one (the minimum through a reference).
 */
export function materialFromDocument(
  domain: string,
  format: PoshFormat,
  document: Extract<PoshDocument, { kind: 'fingerprints' | 'jwk-set' }>,
  url: string,
  expires: number,
): PoshMaterial {
  const fingerprints: PoshFingerprint[] =
    document.kind === 'fingerprints'
      ? document.fingerprints.flatMap((descriptor) => [...descriptor].map(([hash, digest]) => ({ hash, digest, url })))
      : document.x5t.map((digest) => ({ hash: 'sha-1' as const, digest, url }));
  return { domain, format, fingerprints, lifetimeSeconds: capLifetime(expires) };
}
