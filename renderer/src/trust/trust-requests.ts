import type { AccountId, AccountView, ConnectionState, TrustDecisionRequest } from '../../../app/domain/account.js';

/** Decisions the user still owes, oldest first. */
export type PendingRequests = readonly TrustDecisionRequest[];

export type PendingAction =
  | { readonly type: 'requested'; readonly request: TrustDecisionRequest }
  | { readonly type: 'connection'; readonly accountId: AccountId; readonly state: ConnectionState }
  | { readonly type: 'accounts'; readonly accounts: readonly AccountView[] }
  | { readonly type: 'settled'; readonly requestId: string };

/**
 * Requests arrive as `trustDecisionNeeded` events and also sit in an account's `awaiting-decision` state (so a
 * window opened after the event still asks). A connection leaving that state settles its request: the main
 * process timed out, the user disconnected, or another window answered.
 */
export function pendingReducer(state: PendingRequests, action: PendingAction): PendingRequests {
  switch (action.type) {
    case 'requested':
      return add(state, action.request);
    case 'connection':
      return action.state.stage === 'awaiting-decision'
        ? add(state, action.state.request)
        : state.filter((r) => r.accountId !== action.accountId);
    case 'accounts': {
      const known = new Set(action.accounts.map((a) => a.settings.id));
      let next: PendingRequests = state.filter((r) => known.has(r.accountId));
      for (const account of action.accounts) {
        if (account.connection.stage === 'awaiting-decision') next = add(next, account.connection.request);
      }
      return next.length === state.length && next.every((r, i) => r === state[i]) ? state : next;
    }
    case 'settled':
      return state.filter((r) => r.requestId !== action.requestId);
  }
}

function add(state: PendingRequests, request: TrustDecisionRequest): PendingRequests {
  return state.some((r) => r.requestId === request.requestId) ? state : [...state, request];
}
