/**
 * Which actions the window offers on an occupant, from our own role and affiliation (XEP-0045 §8.2, §9.1):
 * only what the room would allow. The room still decides; this only keeps buttons that cannot work away.
 */
import type { Affiliation, Occupant } from '../../../app/domain/rooms.js';

export interface OccupantActions {
  readonly privateMessage: boolean;
  /** Kick: we moderate, and they are not an admin or owner (§8.2: those cannot be kicked). */
  readonly kick: boolean;
  /**
   * Ban: we are an admin or owner above their affiliation (§9.1). 'hidden' when allowed but the room does
   * not show us their real address, which a ban needs.
   */
  readonly ban: boolean | 'hidden';
  readonly changeNick: boolean;
}

const RANK: Readonly<Record<Affiliation, number>> = { outcast: 0, none: 1, member: 2, admin: 3, owner: 4 };

export function occupantActions(me: Occupant | undefined, them: Occupant): OccupantActions {
  const self = me !== undefined && me.nick === them.nick;
  if (self) return { privateMessage: false, kick: false, ban: false, changeNick: true };
  const kick = me?.role === 'moderator' && RANK[them.affiliation] < RANK.admin;
  // An owner may ban anyone but an owner; an admin anyone below admin.
  const mayBan = me !== undefined && RANK[me.affiliation] >= RANK.admin && RANK[them.affiliation] < Math.min(RANK[me.affiliation], RANK.owner);
  return { privateMessage: true, kick, ban: mayBan ? (them.realJid === null ? 'hidden' : true) : false, changeNick: false };
}
