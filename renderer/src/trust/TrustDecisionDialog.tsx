import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import { useCallback, useRef, useState } from 'react';
import type { TrustDecision, TrustDecisionRequest } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { Dialog } from '../common/Dialog.js';
import { request as send } from '../common/ipc.js';
import { CertificateDetails } from './CertificateDetails.js';
import { DelegationChain } from './DelegationChain.js';
import { decisionLabel, decisionText, decisionTone } from './decision-text.js';
import { ReplacePinConfirm } from './ReplacePinConfirm.js';
import { ErrorText } from '../common/ErrorText.js';

interface TrustDecisionDialogProps {
  readonly request: TrustDecisionRequest;
  /** The main process accepted the answer: the request is settled. */
  readonly onDecided: (requestId: string, decision: TrustDecision) => void;
}

/**
 * The one modal in the trust flow (trust-ux.md): the server could not prove who it is, nothing has been sent
 * to it yet, and the user decides. Cancel is the default, focused action and what Escape does.
 */
export function TrustDecisionDialog({ request, onDecided }: TrustDecisionDialogProps) {
  const api = useApi();
  const [step, setStep] = useState<'decide' | 'confirm-replace'>('decide');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One answer at a time: a second click or Escape while the first is in flight must not send another.
  const inFlight = useRef(false);
  const { verdict } = request;
  const text = decisionText(request);

  const decide = useCallback(
    async (decision: TrustDecision) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      const result = await send(() => api.decideTrust({ requestId: request.requestId, decision }));
      inFlight.current = false;
      setBusy(false);
      if (result.ok) onDecided(request.requestId, decision);
      else setError(`Your choice could not be delivered: ${result.message}`);
    },
    [api, request.requestId, onDecided],
  );
  const cancel = useCallback(() => void decide('cancel'), [decide]);
  const back = useCallback(() => setStep('decide'), []);

  if (step === 'confirm-replace') {
    return (
      <ReplacePinConfirm
        domain={domainForPeople(verdict.domain)}
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
  return (
    <Dialog
      role="alertdialog"
      tone={decisionTone(request)}
      title={text.headline}
      description={
        <>
          <p data-testid="decision-paragraph">{text.paragraph}</p>
          <p className="note">Nothing has been sent to this server yet, not even your user name.</p>
        </>
      }
      onCancel={cancel}
      testId="trust-decision-dialog"
    >
      <div className="dialog__body" data-reason={verdict.verified ? 'verified' : verdict.undecided}>
        <section aria-label="How Hostproof got here">
          <h3 className="section-title">How Hostproof got here</h3>
          <DelegationChain steps={verdict.delegation} />
        </section>
        <CertificateDetails certificate={verdict.certificate} chain={verdict.chain} />
      </div>
      <ErrorText message={error} />
      <div className="dialog__actions">
        <button type="button" data-autofocus data-decision="cancel" onClick={cancel} disabled={busy}>
          {decisionLabel('cancel', domainForPeople(verdict.domain))}
        </button>
        {offered('connect-once') ? (
          <button type="button" data-decision="connect-once" onClick={() => void decide('connect-once')} disabled={busy}>
            {decisionLabel('connect-once', domainForPeople(verdict.domain))}
          </button>
        ) : null}
        {offered('pin') ? (
          <button type="button" data-decision="pin" onClick={() => void decide('pin')} disabled={busy}>
            {decisionLabel('pin', domainForPeople(verdict.domain))}
          </button>
        ) : null}
        {offered('replace-pin') ? (
          <button type="button" className="button--danger" data-decision="replace-pin" onClick={() => setStep('confirm-replace')} disabled={busy}>
            {decisionLabel('replace-pin', domainForPeople(verdict.domain))}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
