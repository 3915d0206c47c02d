import type { DelegationStep } from '../../../app/domain/trust.js';

const KIND_LABEL: Record<DelegationStep['kind'], string> = {
  domain: 'Your domain',
  srv: 'DNS',
  certificate: 'Certificate',
  posh: 'POSH',
  fingerprint: 'Fingerprint',
  pin: 'Pin',
};

/**
 * The delegation story as a short vertical chain (trust-ux.md): domain → DNS (SRV) → certificate → POSH →
 * fingerprint or pin. Facts nobody vouched for (the SRV answer above all) are marked "not authenticated" in
 * words, not only by colour.
 */
export function DelegationChain({ steps }: { readonly steps: readonly DelegationStep[] }) {
  return (
    <ol className="chain" aria-label="How Hostproof reached this server" data-testid="delegation-chain">
      {steps.map((step, index) => (
        <li
          key={`${index}-${step.kind}`}
          className={`chain__step ${step.authenticated ? 'chain__step--authenticated' : 'chain__step--unauthenticated'}`}
          data-kind={step.kind}
          data-testid="delegation-step"
        >
          <div className="chain__head">
            <span className="chain__kind">{KIND_LABEL[step.kind]}</span>
            <span className={`chain__mark ${step.authenticated ? 'mark--ok' : 'mark--warn'}`} data-testid="step-authentication">
              {step.authenticated ? 'authenticated' : 'not authenticated'}
            </span>
          </div>
          <bdi className="chain__label">{step.label}</bdi>
          {step.detail === '' ? null : <p className="chain__detail">{step.detail}</p>}
        </li>
      ))}
    </ol>
  );
}
