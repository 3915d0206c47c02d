import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { accountsReducer, initialAccounts, type AccountsState } from './accounts-reducer.js';

/** The account list and each connection's state, loaded once and then kept current by events. */
export function useAccounts(api: HostproofApi): AccountsState & { readonly reload: () => void } {
  const [state, dispatch] = useReducer(accountsReducer, initialAccounts);
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
    reload();
    return () => {
      offList();
      offConnection();
    };
  }, [api, reload]);
  return { ...state, reload };
}
