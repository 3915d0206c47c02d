import type { DelegationStep, TrustVerdict } from '../../../app/domain/trust.js';
import { HumanText } from '../common/HumanText.js';
import { meaningText, stepMeaning } from './step-meaning.js';

export const KIND_LABEL: Record<DelegationStep['kind'], string> = {
  domain: 'Your domain',
  srv: 'DNS',
  certificate: 'Certificate',
  posh: 'POSH',
  fingerprint: 'Fingerprint',
  pin: 'Pin',
};

/**
 * The delegation story as a short vertical chain (trust-ux.md): domain → DNS (SRV) → certificate → POSH →
 * fingerprint or pin. Each step is labelled by what it means for this account ("proves", "does not prove",
 * "unverified") in words, not only by colour; the SRV answer says that anyone on the path can change it.
 */
export function DelegationChain({ verdict }: { readonly verdict: TrustVerdict }) {
  return (
    <ol
      // On a verified chain a step that proves nothing alone (the provider's certificate before POSH) is no alarm.
      className={verdict.verified ? 'chain chain--verified' : 'chain'}
      aria-label="How Hostproof reached this server"
      data-testid="delegation-chain"
    >
      {verdict.delegation.map((step, index) => (
        <ChainStep key={`${index}-${step.kind}`} step={step} verdict={verdict} />
      ))}
    </ol>
  );
}

export function ChainStep({ step, verdict, as: Tag = 'li' }: { readonly step: DelegationStep; readonly verdict: TrustVerdict; readonly as?: 'li' | 'div' }) {
  const meaning = stepMeaning(step, verdict);
  return (
    <Tag className={`chain__step chain__step--${meaning}`} data-kind={step.kind} data-meaning={meaning} data-testid="delegation-step">
      <div className="chain__head">
        <span className="chain__kind">{KIND_LABEL[step.kind]}</span>
        <span className={`chain__mark chain__mark--${meaning}`} data-testid="step-meaning">
          {meaningText(step, meaning)}
        </span>
      </div>
      <bdi className="chain__label">
        <HumanText text={step.label} />
      </bdi>
      {step.detail === '' ? null : (
        <p className="chain__detail">
          <HumanText text={step.detail} />
        </p>
      )}
    </Tag>
  );
}
