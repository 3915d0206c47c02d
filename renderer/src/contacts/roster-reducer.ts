import type { ContactPresence, RosterItem, SubscriptionRequest } from '../../../app/domain/chat.js';

export interface RosterState {
  readonly status: 'loading' | 'ready' | 'error';
  readonly message: string | null;
  readonly items: readonly RosterItem[];
  /** By bare JID. */
  readonly presence: ReadonlyMap<string, ContactPresence>;
  readonly requests: readonly SubscriptionRequest[];
}

export type RosterAction =
  | { readonly type: 'loaded'; readonly items: readonly RosterItem[]; readonly presence: readonly ContactPresence[] }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'items'; readonly items: readonly RosterItem[] }
  /** One frame's presence updates, in order: the map is copied once for all of them. */
  | { readonly type: 'presences'; readonly presences: readonly ContactPresence[] }
  | { readonly type: 'request'; readonly request: SubscriptionRequest }
  | { readonly type: 'answered'; readonly jid: string };

export const initialRoster: RosterState = { status: 'loading', message: null, items: [], presence: new Map(), requests: [] };

export function rosterReducer(state: RosterState, action: RosterAction): RosterState {
  switch (action.type) {
    case 'loaded': {
      const presence = new Map(state.presence);
      for (const p of action.presence) presence.set(p.jid, p);
      return { ...state, status: 'ready', message: null, items: action.items, presence };
    }
    case 'load-failed':
      return { ...state, status: 'error', message: action.message };
    case 'items':
      return { ...state, status: 'ready', items: action.items };
    case 'presences': {
      if (action.presences.length === 0) return state;
      const presence = new Map(state.presence);
      for (const p of action.presences) presence.set(p.jid, p);
      return { ...state, presence };
    }
    case 'request':
      return state.requests.some((r) => r.from === action.request.from) ? state : { ...state, requests: [...state.requests, action.request] };
    case 'answered':
      return { ...state, requests: state.requests.filter((r) => r.from !== action.jid) };
  }
}
