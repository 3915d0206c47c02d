import type { TrustMethod, TrustWarning } from '../../../app/domain/trust.js';

/** Each warning in plain words, for the security panel's list. */
export const WARNING_TEXT: Record<TrustWarning, string> = {
  'key-changed': 'The key is not the one you pinned.',
  'posh-mismatch': "The domain's own POSH statement does not list this certificate.",
  'delegated-host': 'The certificate is for another name: the chat service is run by another host.',
  'weak-hash-sha1': 'POSH matched with SHA-1 (older seed format), a weaker hash.',
  'expired-certificate': 'The certificate has expired.',
  'not-yet-valid-certificate': 'The certificate is not valid yet.',
  'self-signed': 'The certificate is self-signed: no authority vouches for it.',
  'untrusted-issuer': 'The certificate was issued by an authority Hostproof does not trust.',
};

/**
 * The warnings worth showing for an outcome. Under a POSH verification "delegated host" is the delegation
 * itself (the summary and badge say who hosts the domain), not a problem.
 */
export function warningsToShow(outcome: { readonly method: TrustMethod | null }, warnings: readonly TrustWarning[]): TrustWarning[] {
  return warnings.filter((w) => !(w === 'delegated-host' && outcome.method === 'posh'));
}
