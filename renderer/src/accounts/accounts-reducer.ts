import type { AccountId, AccountView, ConnectionState } from '../../../app/domain/account.js';
import type { TrustVerdict } from '../../../app/domain/trust.js';

export type AccountsState =
  | { readonly status: 'loading'; readonly accounts: readonly AccountView[] }
  | { readonly status: 'ready'; readonly accounts: readonly AccountView[] }
  | { readonly status: 'error'; readonly accounts: readonly AccountView[]; readonly message: string };

export type AccountsAction =
  | { readonly type: 'loaded'; readonly accounts: readonly AccountView[] }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'connection'; readonly accountId: AccountId; readonly state: ConnectionState };

export const initialAccounts: AccountsState = { status: 'loading', accounts: [] };

/** The verdict a connection state carries, if any: the badge follows the newest one. */
export function verdictOf(state: ConnectionState): TrustVerdict | null {
  switch (state.stage) {
    case 'awaiting-decision':
      return state.request.verdict;
    case 'authenticating':
    case 'online':
      return state.verdict;
    case 'failed':
      return state.verdict;
    default:
      return null;
  }
}

/** Main owns the truth: a full list replaces ours; a connection event updates one account in place. */
export function accountsReducer(state: AccountsState, action: AccountsAction): AccountsState {
  switch (action.type) {
    case 'loaded':
      return { status: 'ready', accounts: action.accounts };
    case 'load-failed':
      return { status: 'error', accounts: state.accounts, message: action.message };
    case 'connection': {
      let changed = false;
      const accounts = state.accounts.map((account) => {
        if (account.settings.id !== action.accountId) return account;
        changed = true;
        const verdict = verdictOf(action.state);
        return { ...account, connection: action.state, lastVerdict: verdict ?? account.lastVerdict };
      });
      return changed ? { ...state, accounts } : state;
    }
  }
}
