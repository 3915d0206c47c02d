import { useCallback, useEffect, useReducer } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { initialRoster, rosterReducer, type RosterState } from './roster-reducer.js';

/** One account's roster, presence and pending subscription requests, kept current by events. */
export function useRoster(api: HostproofApi, accountId: AccountId): RosterState & { readonly answered: (jid: string) => void } {
  const [state, dispatch] = useReducer(rosterReducer, initialRoster);
  useEffect(() => {
    let live = true;
    const offItems = api.on('rosterChanged', (e) => e.accountId === accountId && dispatch({ type: 'items', items: e.items }));
    const offPresence = api.on('presenceChanged', (e) => e.accountId === accountId && dispatch({ type: 'presence', presence: e.presence }));
    const offRequests = api.on('subscriptionRequested', (r) => r.accountId === accountId && dispatch({ type: 'request', request: r }));
    void request(() => api.getRoster({ accountId })).then((result) => {
      if (!live) return;
      dispatch(result.ok ? { type: 'loaded', items: result.value.items, presence: result.value.presence } : { type: 'load-failed', message: result.message });
    });
    return () => {
      live = false;
      offItems();
      offPresence();
      offRequests();
    };
  }, [api, accountId]);
  const answered = useCallback((jid: string) => dispatch({ type: 'answered', jid }), []);
  return { ...state, answered };
}
