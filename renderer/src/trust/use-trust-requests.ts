import { useCallback, useEffect, useReducer } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { pendingReducer, type PendingRequests } from './trust-requests.js';

/** The queue of trust decisions the user owes, fed by the contract's events and the accounts' states. */
export function useTrustRequests(api: HostproofApi, accounts: readonly AccountView[]): {
  readonly pending: PendingRequests;
  readonly settle: (requestId: string) => void;
} {
  const [pending, dispatch] = useReducer(pendingReducer, []);
  useEffect(() => {
    const offRequested = api.on('trustDecisionNeeded', (request) => dispatch({ type: 'requested', request }));
    const offConnection = api.on('connectionChanged', ({ accountId, state }) => dispatch({ type: 'connection', accountId, state }));
    return () => {
      offRequested();
      offConnection();
    };
  }, [api]);
  useEffect(() => dispatch({ type: 'accounts', accounts }), [accounts]);
  const settle = useCallback((requestId: string) => dispatch({ type: 'settled', requestId }), []);
  return { pending, settle };
}
