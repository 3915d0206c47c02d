import { useId, useState } from 'react';
import type { TrustDecision, TrustDecisionRequest, UnboundLoginQuestion } from '../../../app/domain/account.js';
import { useAddresses } from '../common/addresses.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { useTrustAnswer } from './use-trust-answer.js';
import { decisionLabel } from './decision-text.js';

interface UnboundLoginDialogProps {
  readonly request: TrustDecisionRequest;
  readonly question: UnboundLoginQuestion;
  /** The main process accepted the answer: the request is settled. */
  readonly onDecided: (requestId: string, decision: TrustDecision) => void;
}

/**
 * The channel-binding question (posh.md §7.5: bound before, cannot bind now, ask first). A sibling of
 * TrustDecisionDialog rather than a branch of it: the server's identity was verified, so there is no
 * certificate story to tell, only the login's. Same shape otherwise: Cancel is the primary, focused action
 * and what Escape does; "Log in without channel binding" sits behind "I understand the risk", and the main
 * process asks once more in its own dialog before it counts.
 */
export function UnboundLoginDialog({ request, question, onDecided }: UnboundLoginDialogProps) {
  const riskId = useId();
  const [riskOpen, setRiskOpen] = useState(false);
  const domain = useAddresses().domainForPeople(request.verdict.domain);

  const { decide, cancel, busy, error } = useTrustAnswer(request, onDecided);

  return (
    <Dialog
      role="alertdialog"
      tone="danger"
      title="Your login can no longer be bound to this connection"
      description={
        <>
          <p className="decision__consequence" data-testid="decision-consequence">
            {`${domain}'s server no longer offers to bind your login to this connection. It did last time. ` +
              "Someone on the network path could be stripping it (a downgrade attack), or the server's settings changed."}
          </p>
          <p className="note">Hostproof has not sent your user name or any proof of your password.</p>
        </>
      }
      onCancel={cancel}
      testId="unbound-login-dialog"
    >
      <div className="decision" data-reason="channel-binding-lost">
        <ErrorText message={error} />
        <div className="dialog__actions decision__actions">
          <button type="button" className="button--primary" data-autofocus data-decision="cancel" onClick={cancel} disabled={busy}>
            {decisionLabel('cancel', domain)}
          </button>
          <button type="button" className="button--link" aria-expanded={riskOpen} aria-controls={riskId} onClick={() => setRiskOpen((open) => !open)}>
            I understand the risk
          </button>
        </div>
        {riskOpen ? (
          <div id={riskId} className="decision__risk" data-testid="risk-actions">
            <p className="note" data-testid="unbound-explanation">
              {`Last time this account logged in with ${question.previous}, bound to its encrypted connection; this time ` +
                `${question.reason}. Without the binding Hostproof logs in with ${question.unbound}: your password still ` +
                'does not go out in clear, but someone who got past the certificate check could pass your login on. ' +
                'If the login succeeds, Hostproof remembers it and stops asking until this account logs in bound again.'}
            </p>
            <div className="dialog__actions">
              <button type="button" data-decision="log-in-unbound" onClick={() => void decide('log-in-unbound')} disabled={busy}>
                {decisionLabel('log-in-unbound', domain)}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
