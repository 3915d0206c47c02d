import type { AccountId } from '../../../app/domain/account.js';
import type { RoomInvitation } from '../../../app/domain/rooms.js';

/** A waiting invitation with the account it came to. */
export interface InvitationEntry {
  readonly accountId: AccountId;
  readonly invitation: RoomInvitation;
}

/** Keyed by account and invitation id; the main process keeps the real list, this is what the window shows. */
export type InvitationsState = ReadonlyMap<string, InvitationEntry>;

export type InvitationsAction =
  | { readonly type: 'listed'; readonly accountId: AccountId; readonly invitations: readonly RoomInvitation[] }
  | { readonly type: 'received'; readonly accountId: AccountId; readonly invitation: RoomInvitation }
  /** Answered: dismissed by the user, or the room was joined. */
  | { readonly type: 'gone'; readonly accountId: AccountId; readonly id?: string; readonly room?: string };

const keyOf = (accountId: AccountId, id: string) => `${accountId}\n${id}`;

export function invitationsReducer(state: InvitationsState, action: InvitationsAction): InvitationsState {
  const next = new Map(state);
  if (action.type === 'listed') {
    for (const [key, entry] of state) if (entry.accountId === action.accountId) next.delete(key);
    for (const invitation of action.invitations) next.set(keyOf(action.accountId, invitation.id), { accountId: action.accountId, invitation });
    return next;
  }
  if (action.type === 'received') {
    // A repeat keeps its id: it replaces the card, and moves it to the newest place.
    next.delete(keyOf(action.accountId, action.invitation.id));
    next.set(keyOf(action.accountId, action.invitation.id), { accountId: action.accountId, invitation: action.invitation });
    return next;
  }
  let changed = false;
  for (const [key, { accountId, invitation }] of state) {
    if (accountId !== action.accountId) continue;
    if (invitation.id === action.id || invitation.room === action.room) {
      next.delete(key);
      changed = true;
    }
  }
  return changed ? next : state;
}

/** Who invited, in words: a contact's name, or the nickname when the room only gave that (room@service/nick). */
export function inviterName(entry: InvitationEntry, nameOf: (accountId: AccountId, address: string) => string): string {
  const { from, room } = entry.invitation;
  if (from.startsWith(`${room}/`)) return from.slice(room.length + 1);
  return nameOf(entry.accountId, from);
}
