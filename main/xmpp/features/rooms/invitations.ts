/**
 * Room invitations for one online session: hears direct (XEP-0249) and mediated (XEP-0045 §7.8) invitations
 * and the declines of our own, and sends them. An invitation is only told (`invited`): joining stays the
 * user's choice, so nothing here ever joins a room.
 *
 * A mediated invitation claims that a room speaks. It counts only when it comes from a bare JID that
 * describes itself as a room (disco#info: identity conference, feature muc): a person's client cannot send
 * from a bare JID on a well-behaved server, and the check also stops a hostile server pretending that one of
 * its accounts is a room. Direct invitations are from anyone: they are told with who sent them.
 */
import { xml, type Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { roomAddressOrNull } from '../bookmarks/bookmark-item.js';
import { createEmitter, type Events } from '../emitter.js';
import { guarded, listenerFailure, type FeatureDeps } from '../feature-deps.js';
import { NS } from '../namespaces.js';
import { attr } from '../stanza-read.js';
import { readInvitationStanza, type ReadDecline, type ReadInvitation } from './invitation.js';
import { RoomError } from './room-error.js';

export interface InvitationsEvents {
  /** Someone asked us into a room. */
  invited: ReadInvitation;
  /** Someone we invited through a room said no. */
  declined: ReadDecline;
}

export interface Invitations extends Events<InvitationsEvents> {
  /** XEP-0249: asks `to` (a contact) into `room`, with the room's password when it has one. */
  inviteDirect(to: string, room: string, options: { readonly reason: string | null; readonly password: string | null }): Promise<void>;
  /** XEP-0045 §7.8.2: asks the room to invite `to` (in a members-only room this makes them a member). */
  inviteMediated(room: string, to: string, reason: string | null): Promise<void>;
  /** §7.8.2: tells the room (and through it the inviter) that we do not come. */
  decline(room: string, inviter: string, reason: string | null): Promise<void>;
  dispose(): void;
}

const DISCO_TIMEOUT_MS = 10_000;
/** Room checks waiting for an answer at once; beyond this, mediated invitations are refused (a flood). */
export const MAX_ROOM_CHECKS = 10;
/** Rooms remembered as checked (yes or no) in one session. */
const MAX_CHECKED_ROOMS = 200;

function describesRoom(info: Element): boolean {
  const query = info.getChild('query', NS.discoInfo);
  if (query === undefined) return false;
  const conference = query.getChildren('identity', NS.discoInfo).some((identity) => attr(identity, 'category') === 'conference');
  const muc = query.getChildren('feature', NS.discoInfo).some((feature) => attr(feature, 'var') === NS.muc);
  return conference && muc;
}

export function createInvitations(deps: Pick<FeatureDeps, 'link' | 'log' | 'ids'>): Invitations {
  const { link, log, ids } = deps;
  const emitter = createEmitter<InvitationsEvents>(listenerFailure('invitations', log));
  const refuse = (reason: string, from: string | null) => log({ feature: 'invitations', reason, from });
  const checked = new Map<string, Promise<boolean>>();
  let checking = 0;
  let disposed = false;

  /** Whether `room` says it is a room; asked once per session. */
  function isRoom(room: string): Promise<boolean> | null {
    const known = checked.get(room);
    if (known !== undefined) return known;
    if (checking >= MAX_ROOM_CHECKS) return null;
    checking += 1;
    const answer = link
      .request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.discoInfo })), DISCO_TIMEOUT_MS)
      .then(describesRoom, () => false)
      .finally(() => {
        checking -= 1;
      });
    if (checked.size >= MAX_CHECKED_ROOMS) checked.delete(checked.keys().next().value as string);
    checked.set(room, answer);
    return answer;
  }

  function fromRoom(room: string, from: string | null, then: () => void): void {
    const check = isRoom(room);
    if (check === null) {
      refuse('too many rooms being checked at once', from);
      return;
    }
    void check.then((yes) => {
      if (disposed) return;
      if (yes) then();
      else refuse('a mediated invitation or decline from something that is not a room', from);
    });
  }

  const stopListening = link.onStanza(
    guarded('invitations', log, (stanza) => {
      const read = readInvitationStanza(stanza);
      const from = attr(stanza, 'from');
      if (read.kind === 'none') return;
      if (read.kind === 'refused') refuse(read.reason, from);
      else if (read.kind === 'declined') fromRoom(read.decline.room, from, () => emitter.emit('declined', read.decline));
      else if (read.invitation.via === 'direct') emitter.emit('invited', read.invitation);
      else fromRoom(read.invitation.room, from, () => emitter.emit('invited', read.invitation));
    }),
  );

  function requireRoom(input: string): string {
    const room = roomAddressOrNull(input);
    if (room === null) throw new RoomError('invalid-room', `Not a room address: ${JSON.stringify(input.slice(0, 100))}`);
    return room;
  }

  function requirePerson(input: string): string {
    const jid = jidOrNull(input);
    if (jid === null || jid.local === null) throw new RoomError('invalid-address', 'That is not a chat address.');
    return jid.resource === null ? jid.bare : jid.full;
  }

  const reasonElement = (reason: string | null) => (reason === null ? [] : [xml('reason', {}, reason)]);

  return {
    on: emitter.on,
    async inviteDirect(to, roomInput, { reason, password }) {
      const room = requireRoom(roomInput);
      const attrs: Record<string, string> = { xmlns: NS.conference, jid: room };
      if (reason !== null) attrs.reason = reason;
      if (password !== null) attrs.password = password;
      await link.send(xml('message', { to: requirePerson(to), id: ids() }, xml('x', attrs)));
    },
    async inviteMediated(roomInput, to, reason) {
      const room = requireRoom(roomInput);
      await link.send(xml('message', { to: room, id: ids() }, xml('x', { xmlns: NS.mucUser }, xml('invite', { to: requirePerson(to) }, ...reasonElement(reason)))));
    },
    async decline(roomInput, inviter, reason) {
      const room = requireRoom(roomInput);
      await link.send(xml('message', { to: room, id: ids() }, xml('x', { xmlns: NS.mucUser }, xml('decline', { to: requirePerson(inviter) }, ...reasonElement(reason)))));
    },
    dispose() {
      disposed = true;
      stopListening();
      emitter.clear();
    },
  };
}
