import { useCallback, useId, useState } from 'react';
import type { TrustDecision, TrustDecisionRequest } from '../../../app/domain/account.js';
import { useAddresses } from '../common/addresses.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { CertificateDetails } from './CertificateDetails.js';
import { ChainStep, DelegationChain } from './DelegationChain.js';
import { useTrustAnswer } from './use-trust-answer.js';
import { decisionLabel, decisionText, decisionTone } from './decision-text.js';
import { ReplacePinConfirm } from './ReplacePinConfirm.js';
import { decidingStep } from './step-meaning.js';

interface TrustDecisionDialogProps {
  readonly request: TrustDecisionRequest;
  /** The main process accepted the answer: the request is settled. */
  readonly onDecided: (requestId: string, decision: TrustDecision) => void;
}

/** The answers that go past the warning; they sit behind "I understand the risk". */
const OVERRIDES: readonly TrustDecision[] = ['connect-once', 'pin', 'replace-pin'];

/**
 * The one modal in the trust flow (trust-ux.md, modelled on Chromium's certificate interstitial): a plain
 * headline, the consequence in at most two sentences, the step that decided it, and one big safe button.
 * Cancel is the primary, focused action and what Escape does; the overrides sit behind "I understand the risk",
 * and a POSH mismatch has none at all (only Check again). Everything else is collapsed below.
 */
export function TrustDecisionDialog({ request, onDecided }: TrustDecisionDialogProps) {
  const riskId = useId();
  const [step, setStep] = useState<'decide' | 'confirm-replace'>('decide');
  const [riskOpen, setRiskOpen] = useState(false);
  const { verdict } = request;
  const domains = useAddresses();
  const domain = domains.domainForPeople(verdict.domain);
  const text = decisionText(request, domains);
  const deciding = decidingStep(verdict);

  const { decide, cancel, busy, error } = useTrustAnswer(request, onDecided);
  const back = useCallback(() => setStep('decide'), []);

  if (step === 'confirm-replace') {
    return (
      <ReplacePinConfirm
        domain={domain}
        previousPin={request.previousPin}
        presented={verdict.certificate}
        busy={busy}
        error={error}
        onConfirm={() => void decide('replace-pin')}
        onBack={back}
      />
    );
  }

  const offered = (decision: TrustDecision) => request.choices.includes(decision);
  const overrides = OVERRIDES.filter(offered);
  return (
    <Dialog
      role="alertdialog"
      tone={decisionTone(request)}
      title={text.headline}
      description={
        <>
          <p className="decision__consequence" data-testid="decision-consequence">
            {text.consequence}
          </p>
          <p className="note">Nothing has been sent to this server yet, not even your user name.</p>
        </>
      }
      onCancel={cancel}
      testId="trust-decision-dialog"
    >
      <div className="decision" data-reason={verdict.verified ? 'verified' : verdict.undecided}>
        {deciding ? (
          <section className="decision__deciding" aria-label="What decided it" data-testid="deciding-step">
            <h3 className="section-title">What decided it</h3>
            <ChainStep step={deciding} verdict={verdict} as="div" />
          </section>
        ) : null}
        {text.contact ? (
          <p className="decision__contact" data-testid="decision-contact">
            {text.contact}
          </p>
        ) : null}
        <ErrorText message={error} />
        <div className="dialog__actions decision__actions">
          <button type="button" className="button--primary" data-autofocus data-decision="cancel" onClick={cancel} disabled={busy}>
            {decisionLabel('cancel', domain)}
          </button>
          {offered('check-again') ? (
            <button type="button" data-decision="check-again" onClick={() => void decide('check-again')} disabled={busy}>
              {decisionLabel('check-again', domain)}
            </button>
          ) : null}
          {overrides.length > 0 ? (
            <button type="button" className="button--link" aria-expanded={riskOpen} aria-controls={riskId} onClick={() => setRiskOpen((open) => !open)}>
              I understand the risk
            </button>
          ) : null}
        </div>
        {overrides.length > 0 && riskOpen ? (
          <div id={riskId} className="decision__risk" data-testid="risk-actions">
            <p className="note">{text.explanation}</p>
            <div className="dialog__actions">
              {offered('connect-once') ? (
                <button type="button" data-decision="connect-once" onClick={() => void decide('connect-once')} disabled={busy}>
                  {decisionLabel('connect-once', domain)}
                </button>
              ) : null}
              {offered('pin') ? (
                <button type="button" data-decision="pin" onClick={() => void decide('pin')} disabled={busy}>
                  {decisionLabel('pin', domain)}
                </button>
              ) : null}
              {offered('replace-pin') ? (
                <button type="button" className="button--danger" data-decision="replace-pin" onClick={() => setStep('confirm-replace')} disabled={busy}>
                  {decisionLabel('replace-pin', domain)}
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
        {overrides.length === 0 && text.explanation !== '' ? (
          <p className="note" data-testid="decision-explanation">
            {text.explanation}
          </p>
        ) : null}
        <details className="disclosure" data-testid="chain-disclosure">
          <summary>How Hostproof reached this server</summary>
          <DelegationChain verdict={verdict} />
        </details>
        <details className="disclosure" data-testid="certificate-disclosure">
          <summary>The certificate and its fingerprints</summary>
          <CertificateDetails certificate={verdict.certificate} chain={verdict.chain} />
        </details>
      </div>
    </Dialog>
  );
}
