import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ContactPresence, RosterItem } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { useFrameBatch } from '../common/frame-batch.js';
import { request } from '../common/ipc.js';
import { initialRoster, rosterReducer, type RosterAction, type RosterState } from './roster-reducer.js';

/** Every account's roster, presence and unanswered subscription requests, by account. */
export type Rosters = ReadonlyMap<AccountId, RosterState>;

/** Every account's roster items alone: a new map only when some account's items change, never for presence. */
export type RosterItems = ReadonlyMap<AccountId, readonly RosterItem[]>;

interface StoreState {
  readonly rosters: Rosters;
  readonly items: RosterItems;
}

interface RosterStore extends StoreState {
  /** Loads the account's roster once (later calls do nothing); events keep it current from then on. */
  readonly ensure: (accountId: AccountId) => void;
  /** Loads the account's roster again (it has just come online: the server's roster may have changed meanwhile). */
  readonly refresh: (accountId: AccountId) => void;
  readonly answered: (accountId: AccountId, jid: string) => void;
}

interface StoreAction {
  readonly accountId: AccountId;
  readonly action: RosterAction;
}

function storeReducer(state: StoreState, actions: readonly StoreAction[]): StoreState {
  if (actions.length === 0) return state;
  const rosters = new Map(state.rosters);
  let items: Map<AccountId, readonly RosterItem[]> | null = null;
  for (const { accountId, action } of actions) {
    const next = rosterReducer(rosters.get(accountId) ?? initialRoster, action);
    rosters.set(accountId, next);
    if (next.items !== state.items.get(accountId)) (items ??= new Map(state.items)).set(accountId, next.items);
  }
  return { rosters, items: items ?? state.items };
}

const EMPTY: StoreState = { rosters: new Map(), items: new Map() };

const StoreContext = createContext<RosterStore | null>(null);

/**
 * One home for contacts in the window: the conversation list needs names, the conversation header presence,
 * "Start a chat" the whole roster, all for every account, and none of them may miss an event while another
 * screen is shown (a subscription request arrives once; the person asking would otherwise wait forever).
 * Presence comes in bursts (100 a second when a big roster comes online): one update per frame for all accounts.
 */
export function RosterStoreProvider({ children }: { readonly children: ReactNode }) {
  const api = useApi();
  const [state, dispatch] = useReducer(storeReducer, EMPTY);
  const loaded = useRef(new Set<AccountId>());
  const pushPresence = useFrameBatch<{ accountId: AccountId; presence: ContactPresence }>(
    useCallback((events) => {
      const byAccount = new Map<AccountId, ContactPresence[]>();
      for (const e of events) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e.presence]);
      dispatch([...byAccount].map(([accountId, presences]) => ({ accountId, action: { type: 'presences', presences } })));
    }, []),
  );
  // Of several roster pushes for one account in a frame only the last list matters.
  const pushItems = useFrameBatch<{ accountId: AccountId; items: readonly RosterItem[] }>(
    useCallback((events) => {
      const last = new Map(events.map((e) => [e.accountId, e.items]));
      dispatch([...last].map(([accountId, items]) => ({ accountId, action: { type: 'items', items } })));
    }, []),
  );
  useEffect(() => {
    const offs = [
      api.on('rosterChanged', pushItems),
      api.on('presenceChanged', pushPresence),
      api.on('subscriptionRequested', (r) => dispatch([{ accountId: r.accountId, action: { type: 'request', request: r } }])),
    ];
    return () => offs.forEach((off) => off());
  }, [api, pushItems, pushPresence]);
  const load = useCallback(
    (accountId: AccountId) => {
      loaded.current.add(accountId);
      void request(() => api.getRoster({ accountId })).then((result) => {
        const action: RosterAction = result.ok
          ? { type: 'loaded', items: result.value.items, presence: result.value.presence }
          : { type: 'load-failed', message: result.message };
        // A failed load may be tried again the next time a screen asks for this roster.
        if (!result.ok) loaded.current.delete(accountId);
        dispatch([{ accountId, action }]);
      });
    },
    [api],
  );
  const ensure = useCallback(
    (accountId: AccountId) => {
      if (!loaded.current.has(accountId)) load(accountId);
    },
    [load],
  );
  const answered = useCallback((accountId: AccountId, jid: string) => dispatch([{ accountId, action: { type: 'answered', jid } }]), []);
  const value = useMemo(() => ({ ...state, ensure, refresh: load, answered }), [state, ensure, load, answered]);
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

/** The window's roster store; every view that shows contacts is rendered inside RosterStoreProvider. */
export function useRosterStore(): RosterStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useRosterStore: render inside <RosterStoreProvider>');
  return store;
}
