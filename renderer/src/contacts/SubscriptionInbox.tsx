import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { SubscriptionRequest } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';

export interface SubscriptionInbox {
  /** Every request not answered yet, for all accounts, oldest first. */
  readonly requests: readonly SubscriptionRequest[];
  readonly answered: (accountId: AccountId, jid: string) => void;
}

const InboxContext = createContext<SubscriptionInbox | null>(null);

/**
 * Keeps subscription requests for the whole window. The main process pushes a request once, as it arrives;
 * a contacts view that is not open at that moment (another account or tab is shown) would otherwise never
 * see it, and the person asking would wait forever.
 */
export function SubscriptionInboxProvider({ children }: { readonly children: ReactNode }) {
  const api = useApi();
  const [requests, setRequests] = useState<readonly SubscriptionRequest[]>([]);
  useEffect(
    () =>
      api.on('subscriptionRequested', (request) =>
        setRequests((list) => (list.some((r) => sameRequest(r, request.accountId, request.from)) ? list : [...list, request])),
      ),
    [api],
  );
  const answered = useCallback(
    (accountId: AccountId, jid: string) => setRequests((list) => list.filter((r) => !sameRequest(r, accountId, jid))),
    [],
  );
  const value = useMemo(() => ({ requests, answered }), [requests, answered]);
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>;
}

/** The window's inbox, or null where a view is rendered on its own (it then hears only live requests). */
export function useSubscriptionInbox(): SubscriptionInbox | null {
  return useContext(InboxContext);
}

function sameRequest(request: SubscriptionRequest, accountId: AccountId, jid: string): boolean {
  return request.accountId === accountId && request.from === jid;
}
