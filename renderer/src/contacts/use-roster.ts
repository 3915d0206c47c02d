import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ContactPresence, RosterItem } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { useFrameBatch } from '../common/frame-batch.js';
import { request } from '../common/ipc.js';
import { initialRoster, rosterReducer, type RosterState } from './roster-reducer.js';
import { useSubscriptionInbox } from './SubscriptionInbox.js';

/** One account's roster, presence and pending subscription requests, kept current by events. */
export function useRoster(api: HostproofApi, accountId: AccountId): RosterState & { readonly answered: (jid: string) => void } {
  const [state, dispatch] = useReducer(rosterReducer, initialRoster);
  // A burst of presence (100 a second when a big roster comes online) becomes one update and one render per
  // frame; of several roster pushes in one frame only the last list matters.
  const pushPresence = useFrameBatch<ContactPresence>(useCallback((presences: ContactPresence[]) => dispatch({ type: 'presences', presences }), []));
  const pushItems = useFrameBatch<readonly RosterItem[]>(
    useCallback((lists: (readonly RosterItem[])[]) => {
      const items = lists[lists.length - 1];
      if (items) dispatch({ type: 'items', items });
    }, []),
  );
  useEffect(() => {
    let live = true;
    const offItems = api.on('rosterChanged', (e) => {
      if (e.accountId === accountId) pushItems(e.items);
    });
    const offPresence = api.on('presenceChanged', (e) => {
      if (e.accountId === accountId) pushPresence(e.presence);
    });
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
  }, [api, accountId, pushItems, pushPresence]);
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
