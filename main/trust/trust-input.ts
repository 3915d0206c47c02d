import type { TrustVerdict } from '../../app/domain/trust.js';

/**
 * Everything the verdict is decided from: the results of each check, already computed. The fields the verdict
 * carries on unchanged are taken from TrustVerdict by name, so the two cannot drift apart. `domain` is the JID
 * domain (the reference identity) as an A-label.
 */
export interface TrustInput extends Pick<TrustVerdict, 'domain' | 'endpoint' | 'certificate' | 'chain' | 'pkix' | 'posh' | 'pin'> {
  /** The user chose "connect once" for exactly this key in this connection attempt. */
  readonly acceptedOnce: boolean;
  readonly now: Date;
}
