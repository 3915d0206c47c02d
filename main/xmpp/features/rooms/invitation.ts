/**
 * Reads a `<message>` that asks us into a room, or answers our own asking:
 * - a direct invitation (XEP-0249): `<x xmlns='jabber:x:conference' jid='room' reason? password?/>`, from
 *   anyone (the user decides; we record who);
 * - a mediated invitation (XEP-0045 §7.8.2): from the room's bare JID, `<x xmlns='…muc#user'><invite
 *   from='inviter'><reason/></invite><password/></x>`;
 * - a decline (§7.8.2 answer): from the room, `<decline from='invitee'><reason/></decline>`.
 * Everything is hostile input: the room must be a room address (local@service, no resource), the reason and
 * password are bounded and without control characters. Whether the mediated sender really is a room is
 * checked by the feature (invitations.ts), not here: this file only reads.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { MAX_INVITATION_PASSWORD_CHARS, MAX_INVITATION_REASON_CHARS } from '../../../../app/domain/rooms.js';
import { roomAddressOrNull } from '../bookmarks/bookmark-item.js';
import { NS } from '../namespaces.js';
import { attr, isStanza, singleChild } from '../stanza-read.js';

export interface ReadInvitation {
  readonly via: 'direct' | 'mediated';
  readonly room: string;
  /** The inviter: a bare JID, or an occupant JID (room/nick) when the room hides real addresses. */
  readonly from: string;
  readonly reason: string | null;
  readonly password: string | null;
}

export interface ReadDecline {
  readonly room: string;
  /** Who said no (as the room names them). */
  readonly from: string;
  readonly reason: string | null;
}

export type InvitationStanza =
  | { readonly kind: 'invitation'; readonly invitation: ReadInvitation }
  | { readonly kind: 'declined'; readonly decline: ReadDecline }
  /** Not about invitations at all: other features' business. */
  | { readonly kind: 'none' }
  /** Claims to be an invitation or decline but cannot be believed; `reason` is for the log. */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A reason as a line of plain text: line breaks and tabs become spaces, other control characters go, cut
 * to the limit; null when nothing is left.
 */
export function invitationReason(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
  return text.length === 0 ? null : text.slice(0, MAX_INVITATION_REASON_CHARS);
}

/** A password is used as given or not at all: too long or with control characters, it is dropped. */
export function invitationPassword(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.length === 0) return null;
  return value.length > MAX_INVITATION_PASSWORD_CHARS || /\p{Cc}/u.test(value) ? null : value;
}

/** The inviter named inside a mediated invitation: an occupant of this room as is, anyone else by bare JID. */
function inviterOf(value: string | null, room: string): string | null {
  const jid = jidOrNull(value);
  if (jid === null || jid.local === null) return null;
  return jid.bare === room && jid.resource !== null ? jid.full : jid.bare;
}

function readMucUser(x: Element, sender: string | null): InvitationStanza {
  const invites = x.getChildren('invite', NS.mucUser);
  const declines = x.getChildren('decline', NS.mucUser);
  if (invites.length === 0 && declines.length === 0) return { kind: 'none' };
  // Only a room speaks for itself with its bare JID: an occupant or a person cannot send these.
  const room = roomAddressOrNull(sender);
  if (room === null) return { kind: 'refused', reason: 'a mediated invitation or decline not from a room address' };
  if (invites.length + declines.length !== 1) return { kind: 'refused', reason: 'several invitations or declines in one message' };
  const [invite] = invites;
  if (invite !== undefined) {
    const from = inviterOf(attr(invite, 'from'), room);
    if (from === null) return { kind: 'refused', reason: 'a mediated invitation that does not say who invites' };
    const reason = invitationReason(invite.getChildText('reason', NS.mucUser));
    return { kind: 'invitation', invitation: { via: 'mediated', room, from, reason, password: invitationPassword(x.getChildText('password', NS.mucUser)) } };
  }
  const decline = declines[0] as Element;
  const from = inviterOf(attr(decline, 'from'), room);
  if (from === null) return { kind: 'refused', reason: 'a decline that does not say who declines' };
  return { kind: 'declined', decline: { room, from, reason: invitationReason(decline.getChildText('reason', NS.mucUser)) } };
}

function readDirect(x: Element, sender: string | null): InvitationStanza {
  const from = jidOrNull(sender);
  if (from === null || from.local === null) return { kind: 'refused', reason: 'a direct invitation without a usable sender' };
  const room = roomAddressOrNull(attr(x, 'jid'));
  if (room === null) return { kind: 'refused', reason: 'a direct invitation to something that is not a room address' };
  if (room === from.bare) return { kind: 'refused', reason: 'a direct invitation from the room itself' };
  return { kind: 'invitation', invitation: { via: 'direct', room, from: from.bare, reason: invitationReason(attr(x, 'reason')), password: invitationPassword(attr(x, 'password')) } };
}

/** Reads one incoming stanza; `kind: 'none'` for anything that is not an invitation or a decline. */
export function readInvitationStanza(stanza: Element): InvitationStanza {
  if (!isStanza(stanza, 'message')) return { kind: 'none' };
  const type = attr(stanza, 'type') ?? 'normal';
  const mucUser = stanza.getChildren('x', NS.mucUser);
  const conference = stanza.getChildren('x', NS.conference);
  if (mucUser.length === 0 && conference.length === 0) return { kind: 'none' };
  // Errors bounce what we sent; a groupchat message is room traffic, never an invitation.
  if (type !== 'normal' && type !== 'chat') return { kind: 'none' };
  const sender = attr(stanza, 'from');
  // A room's mediated invitation also carries the old jabber:x:conference element (Prosody adds it for older
  // clients): the muc#user element, which the room vouches for, is the one read.
  const x = singleChild(stanza, 'x', NS.mucUser);
  if (x !== null) {
    const read = readMucUser(x, sender);
    if (read.kind !== 'none') return read;
  } else if (mucUser.length > 1) return { kind: 'refused', reason: 'several muc#user elements' };
  if (conference.length === 0) return { kind: 'none' };
  const direct = singleChild(stanza, 'x', NS.conference);
  return direct === null ? { kind: 'refused', reason: 'several direct invitations in one message' } : readDirect(direct, sender);
}
