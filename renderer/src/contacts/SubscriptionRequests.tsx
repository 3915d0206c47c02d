import { useState } from 'react';
import type { SubscriptionRequest } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';

interface SubscriptionRequestsProps {
  readonly accountId: string;
  readonly requests: readonly SubscriptionRequest[];
  readonly onAnswered: (jid: string) => void;
}

/** People who asked to see this account's presence: approve or deny each. */
export function SubscriptionRequests({ accountId, requests, onAnswered }: SubscriptionRequestsProps) {
  const api = useApi();
  const [failure, setFailure] = useState<string | null>(null);
  if (requests.length === 0) return null;
  const answer = async (jid: string, approve: boolean) => {
    setFailure(null);
    const result = await request(() => api.answerSubscription({ accountId, jid, approve }));
    if (result.ok) onAnswered(jid);
    else setFailure(result.message);
  };
  return (
    <section className="requests" aria-labelledby={`requests-${accountId}`} data-testid="subscription-requests">
      <h3 id={`requests-${accountId}`} className="section-title">
        Asking to see when you are online
      </h3>
      {failure ? <p role="alert">{failure}</p> : null}
      <ul className="plain-list">
        {requests.map((r) => (
          <li key={r.from} data-testid="subscription-request">
            <bdi>{r.from}</bdi>{' '}
            <button type="button" className="button--small button--primary" onClick={() => void answer(r.from, true)}>
              Approve
            </button>{' '}
            <button type="button" className="button--small" onClick={() => void answer(r.from, false)}>
              Deny
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
