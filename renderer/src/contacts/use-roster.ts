import { useCallback, useEffect } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { initialRoster, type RosterState } from './roster-reducer.js';
import { useRosterStore } from './roster-store.js';

/** One account's roster, presence and pending subscription requests, from the window's roster store. */
export function useRoster(accountId: AccountId): RosterState & { readonly answered: (jid: string) => void } {
  const store = useRosterStore();
  const { ensure } = store;
  useEffect(() => ensure(accountId), [ensure, accountId]);
  const state = store.rosters.get(accountId) ?? initialRoster;
  const { answered: answeredIn } = store;
  const answered = useCallback((jid: string) => answeredIn(accountId, jid), [answeredIn, accountId]);
  return { ...state, answered };
}
