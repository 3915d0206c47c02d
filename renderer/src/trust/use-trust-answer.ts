import { useCallback, useRef, useState } from 'react';
import type { TrustDecision, TrustDecisionRequest } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { request as send } from '../common/ipc.js';

export interface TrustAnswer {
  /** Sends one answer to the main process (which may still ask in its own dialog before it counts). */
  readonly decide: (decision: TrustDecision) => Promise<void>;
  /** The safe answer, for the primary button and Escape. */
  readonly cancel: () => void;
  /** An answer is on its way: the buttons are disabled. */
  readonly busy: boolean;
  /** Why the last answer was not delivered, in plain words; null when it was (or none was sent). */
  readonly error: string | null;
}

/**
 * Answering a pending trust question, shared by the certificate dialog and the channel-binding one. One
 * answer at a time: a second click or Escape while the first is in flight must not send another.
 */
export function useTrustAnswer(request: TrustDecisionRequest, onDecided: (requestId: string, decision: TrustDecision) => void): TrustAnswer {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);

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
  return { decide, cancel, busy, error };
}
