/**
 * The decision itself (posh.md §7.4, trust-ux.md's state table): PKIX ▸ POSH ▸ pin ▸ accepted-once ▸ undecided,
 * and the warnings that travel with it. Pure functions over the derived facts.
 */
import type { TrustMethod, TrustWarning, UndecidedReason } from '../../app/domain/trust.js';
import type { TrustFacts } from './trust-facts.js';

export type TrustOutcome =
  | { readonly verified: true; readonly method: TrustMethod }
  | { readonly verified: false; readonly reason: UndecidedReason };

export function decideOutcome(facts: TrustFacts, acceptedOnce: boolean): TrustOutcome {
  if (facts.pkixVouches) return { verified: true, method: 'pkix' };
  if (facts.poshVouches) return { verified: true, method: 'posh' };
  if (facts.pinVouches) return { verified: true, method: 'pin' };
  // The user saw the dialog and chose to go ahead this once; it is recorded as exactly that, never as proof.
  if (acceptedOnce) return { verified: true, method: 'accepted-once' };
  return { verified: false, reason: undecidedReason(facts) };
}

/**
 * Why the user must decide, strongest first: a changed pinned key is the likeliest sign of an attack, then the
 * domain's own POSH statement contradicting this server, then a trusted certificate for another host.
 */
function undecidedReason(facts: TrustFacts): UndecidedReason {
  if (facts.pinDiffers) return 'key-changed';
  if (facts.poshMismatch) return 'posh-mismatch';
  if (facts.chainTrusted && !facts.namesCoverDomain) return 'delegated-host';
  return 'untrusted-certificate';
}

/** Warnings in a fixed order (most serious first), each present only when its fact holds. */
export function collectWarnings(facts: TrustFacts, outcome: TrustOutcome): TrustWarning[] {
  const method = outcome.verified ? outcome.method : null;
  const holds: Record<TrustWarning, boolean> = {
    // trust-ux.md: "key changed" is when a pin differs *and neither PKIX nor POSH vouches for the new key*. When
    // they do, the key was legitimately rolled over and the caller may refresh the pin instead of alarming.
    'key-changed': facts.pinDiffers && !facts.pkixVouches && !facts.poshVouches,
    'posh-mismatch': facts.poshMismatch,
    // The certificate is for another host: shown as the delegation when POSH proved it, as a problem otherwise.
    'delegated-host': !facts.namesCoverDomain,
    'weak-hash-sha1': method === 'posh' && facts.poshMatch?.hash === 'sha-1',
    'expired-certificate': facts.validity === 'expired',
    'not-yet-valid-certificate': facts.validity === 'not-yet-valid',
    // Self-signed / untrusted issuer describe why the chain failed, so they are moot when a root vouched for it
    // (a self-issued certificate the user installed as a root is a trust anchor, not a warning).
    'self-signed': facts.selfSigned && !facts.chainTrusted,
    'untrusted-issuer': !facts.selfSigned && !facts.chainTrusted,
  };
  return WARNING_ORDER.filter((warning) => holds[warning]);
}

const WARNING_ORDER: readonly TrustWarning[] = [
  'key-changed',
  'posh-mismatch',
  'delegated-host',
  'weak-hash-sha1',
  'expired-certificate',
  'not-yet-valid-certificate',
  'self-signed',
  'untrusted-issuer',
];
