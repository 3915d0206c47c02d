import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import type { WindowStart } from '../shell/window-start.js';
import { accountsReducer, initialAccounts, type AccountsState } from './accounts-reducer.js';

function startingWith(start: WindowStart | null): AccountsState {
  if (start === null) return initialAccounts;
  return start.accounts.ok ? { status: 'ready', accounts: start.accounts.value } : { status: 'error', accounts: [], message: start.accounts.message };
}

/**
 * The account list and each connection's state, loaded once and then kept current by events. With the window's
 * start (the list asked for before the first render), it starts from that and takes the events that came since.
 */
export function useAccounts(api: HostproofApi, start: WindowStart | null = null): AccountsState & { readonly reload: () => void } {
  const [state, dispatch] = useReducer(accountsReducer, start, startingWith);
  // A list pushed while a load was in flight is newer than the load's answer: the answer is then dropped.
  const pushes = useRef(0);
  const reload = useCallback(() => {
    const seen = pushes.current;
    void request(() => api.listAccounts()).then((result) => {
      if (result.ok && pushes.current !== seen) return;
      dispatch(result.ok ? { type: 'loaded', accounts: result.value } : { type: 'load-failed', message: result.message });
    });
  }, [api]);
  useEffect(() => {
    const offList = api.on('accountsChanged', (accounts) => {
      pushes.current += 1;
      dispatch({ type: 'loaded', accounts });
    });
    const offConnection = api.on('connectionChanged', ({ accountId, state: connection }) =>
      dispatch({ type: 'connection', accountId, state: connection }),
    );
    if (start === null) reload();
    else
      for (const e of start.take(['accountsChanged', 'connectionChanged'])) {
        if (e.event === 'accountsChanged') {
          pushes.current += 1;
          dispatch({ type: 'loaded', accounts: e.payload });
        } else if (e.event === 'connectionChanged') dispatch({ type: 'connection', accountId: e.payload.accountId, state: e.payload.state });
      }
    return () => {
      offList();
      offConnection();
    };
  }, [api, reload, start]);
  return { ...state, reload };
}
