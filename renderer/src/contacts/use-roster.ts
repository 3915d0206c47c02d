import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { initialRoster, rosterReducer, type RosterState } from './roster-reducer.js';
import { useSubscriptionInbox } from './SubscriptionInbox.js';

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
  // Requests that arrived while this view was closed are in the window's inbox; live ones are in both.
  const inbox = useSubscriptionInbox();
  const requests = useMemo(() => {
    const kept = inbox?.requests.filter((r) => r.accountId === accountId) ?? [];
    return [...kept, ...state.requests.filter((r) => !kept.some((k) => k.from === r.from))];
  }, [inbox, accountId, state.requests]);
  const answered = useCallback(
    (jid: string) => {
      dispatch({ type: 'answered', jid });
      inbox?.answered(accountId, jid);
    },
    [inbox, accountId],
  );
  return { ...state, requests, answered };
}
