import type { DelegationStep, TrustVerdict } from '../../../app/domain/trust.js';

/**
 * What one step of the delegation story means for this account (trust-ux.md): it proves the server is the
 * account's, it does not, or nobody vouched for it at all. A step whose answer was authenticated (an HTTPS POSH
 * 404, a trusted certificate for another name) is not "authenticated" for the account: it proves nothing here.
 */
export type StepMeaning = 'start' | 'proves' | 'does-not-prove' | 'unverified';

export const MEANING_LABEL: Record<StepMeaning, string> = {
  start: 'what you entered',
  proves: 'proves',
  'does-not-prove': 'does not prove',
  unverified: 'unverified',
};

export function stepMeaning(step: DelegationStep, verdict: TrustVerdict): StepMeaning {
  switch (step.kind) {
    case 'domain':
      return 'start';
    case 'srv':
      return 'unverified';
    case 'certificate':
      return verdict.pkix.ok ? 'proves' : 'does-not-prove';
    case 'posh':
      if (!step.authenticated) return 'unverified';
      return verdict.posh.status === 'verified' ? 'proves' : 'does-not-prove';
    case 'fingerprint':
      return 'proves';
    case 'pin':
      return step.authenticated ? 'proves' : 'does-not-prove';
  }
}

/** The words on a step's mark: what it means, said in full where the one word would not do. */
export function meaningText(step: DelegationStep, meaning: StepMeaning): string {
  if (step.kind === 'srv') return 'not authenticated: anyone on the network path can change it';
  if (meaning === 'unverified') return 'unverified: no authenticated answer';
  return MEANING_LABEL[meaning];
}

/**
 * The step that decided this verdict, shown above everything else in the decision dialog: the POSH step for a
 * mismatch, the pin for a changed key, otherwise the certificate (the name it does name, or its issuer).
 */
export function decidingStep(verdict: TrustVerdict): DelegationStep | null {
  const steps = verdict.delegation;
  const last = (kind: DelegationStep['kind']) => [...steps].reverse().find((s) => s.kind === kind) ?? null;
  if (verdict.verified) return last('fingerprint') ?? last('pin') ?? last('certificate');
  switch (verdict.undecided) {
    case 'key-changed':
      return last('pin') ?? last('certificate');
    case 'posh-mismatch':
      return last('posh') ?? last('certificate');
    case 'delegated-host':
    case 'untrusted-certificate':
      return last('certificate');
  }
}
