/**
 * One account's room invitations across sessions: those received wait here as requests (bounded, one per
 * room and inviter) until the user joins the room or dismisses them; the contract's `inviteToRoom` and
 * `dismissRoomInvitation` go out through the online session's invitations feature.
 *
 * Accepting is joining: the window opens the join dialog filled in, the user clicks, and once the room is
 * joined (by whatever way) its invitations are dropped. Nothing here ever joins a room by itself.
 *
 * What we send when inviting (the choice, documented in docs/rooms.md): when we are the room's owner or
 * admin, a mediated invitation through the room, because a members-only room adds whoever its admins invite
 * to its member list (otherwise the invitee could not get in) and the room adds its password; otherwise a
 * direct invitation (XEP-0249) with the password we joined with, which any room allows. Only one of the two:
 * a room that hides real addresses names the inviter by nickname, so the invitee could not tell that two
 * copies came from the same person.
 */
import type { AccountId } from '../../app/domain/account.js';
import { MAX_PENDING_INVITATIONS, type RoomInvitation } from '../../app/domain/rooms.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import type { ReadInvitation } from '../xmpp/features/rooms/invitation.js';
import type { Invitations } from '../xmpp/features/rooms/invitations.js';
import type { Rooms } from '../xmpp/features/rooms/rooms.js';
import type { EmitEvent } from './event-sink.js';
import { plainly } from './room-refusals.js';

/** The contract's invitation requests, for one account. */
export interface RoomInvitationRequests {
  list(): readonly RoomInvitation[];
  /** Forgets one; `decline` also tells the inviter (through the room for a mediated one, directly is not possible). */
  dismiss(id: string, decline: boolean): Promise<void>;
  /** Invites `jid` into a room we are in (through the room when we are its owner or admin, else directly). */
  invite(room: string, jid: string, reason: string | null): Promise<void>;
}

export interface AccountInvitations extends RoomInvitationRequests {
  /** A fresh session's features: hear its invitations (to rooms we are not in already). */
  attach(invitations: Invitations, rooms: Rooms): Array<() => void>;
  /** We are in `room` now: its invitations have been answered. */
  joined(room: string): void;
}

export interface AccountInvitationsDeps {
  readonly accountId: AccountId;
  readonly emit: EmitEvent;
  readonly log: FeatureLog;
  readonly ids: () => string;
  readonly now: () => Date;
  /** The online session's features; throws a UserFacingError when offline. */
  readonly online: () => { readonly invitations: Invitations; readonly rooms: Rooms };
  /** issue 14: blocking. An invitation from a blocked address is never shown (mediated ones pass the server's block). */
  readonly isBlocked?: (address: string) => boolean;
}

export function createAccountInvitations(deps: AccountInvitationsDeps): AccountInvitations {
  const { accountId, emit } = deps;
  /** Oldest first: the one dropped when full. */
  let pending: RoomInvitation[] = [];

  function receive(read: ReadInvitation): void {
    const same = pending.find((i) => i.room === read.room && i.from === read.from);
    // The same inviter again (or a direct and a mediated copy): one request, the newest words, the same id.
    const invitation: RoomInvitation = {
      id: same?.id ?? deps.ids(),
      room: read.room,
      from: read.from,
      // A mediated copy is kept as mediated: declining it can then reach the inviter through the room.
      via: same?.via === 'mediated' ? 'mediated' : read.via,
      reason: read.reason ?? same?.reason ?? null,
      password: read.password ?? same?.password ?? null,
      receivedAt: deps.now().toISOString(),
    };
    pending = [...pending.filter((i) => i !== same), invitation].slice(-MAX_PENDING_INVITATIONS);
    emit('roomInvitation', { accountId, invitation });
  }

  return {
    attach: (invitations, rooms) => [
      invitations.on('invited', (read) => {
        // Asked into a room we are in: nothing to decide (another client of ours may have joined it).
        if (rooms.joined().some((r) => r.room === read.room)) deps.log({ feature: 'invitations', reason: 'an invitation to a room we are in', from: read.from });
        else if (deps.isBlocked?.(read.from) === true) deps.log({ feature: 'invitations', reason: 'an invitation from a blocked address', from: read.from });
        else receive(read);
      }),
    ],
    joined: (room) => {
      pending = pending.filter((i) => i.room !== room);
    },
    list: () => pending,
    dismiss: (id, decline) =>
      plainly(async () => {
        const invitation = pending.find((i) => i.id === id);
        if (invitation === undefined) return;
        // Declined through the room first: if that fails (offline), the request stays for another try.
        if (decline && invitation.via === 'mediated') await deps.online().invitations.decline(invitation.room, invitation.from, null);
        pending = pending.filter((i) => i.id !== id);
      }),
    invite: (room, jid, reason) =>
      plainly(async () => {
        const { invitations, rooms } = deps.online();
        const spec = rooms.joined().find((r) => r.room === room);
        if (spec === undefined) throw new UserFacingError('You can only invite people to a room you are in.');
        const us = rooms.occupants(room).find((o) => o.nick === spec.nick);
        if (us?.affiliation === 'owner' || us?.affiliation === 'admin') await invitations.inviteMediated(room, jid, reason);
        else await invitations.inviteDirect(jid, room, { reason, password: spec.password });
      }),
  };
}

/**
 * The event sink for the rooms service, noting each room we join so that its invitations go: a join can come
 * from the dialog, a rejoin or an autojoin bookmark, and all of them are told as `roomChanged: joined`.
 */
export function emitNotingJoins(emit: EmitEvent, invitations: Pick<AccountInvitations, 'joined'>): EmitEvent {
  return (event, payload) => {
    if (event === 'roomChanged') {
      const change = payload as { readonly kind: string; readonly room: string };
      if (change.kind === 'joined') invitations.joined(change.room);
    }
    emit(event, payload);
  };
}
