/**
 * Whether a room is reached through the server this client verified, or through server federation
 * (issue 13, trust): the one place that decides it, so the room list and the room header cannot disagree.
 */
import { jidOrNull } from './address/jid.js';
import type { RoomReach } from './rooms.js';

/**
 * A room on the account's own domain or a subdomain of it (rooms.example.org for alice@example.org) is
 * served by the account's server; anything else, including a look-alike such as example.org.evil.test or
 * notexample.org, is another server's. Domains are compared in their canonical form (the JID parser's), so
 * case and IDN spellings do not matter. An address that does not parse is never "ours".
 */
export function roomReach(accountJid: string, room: string): RoomReach {
  const own = jidOrNull(accountJid)?.domain.ascii;
  const roomDomain = jidOrNull(room)?.domain.ascii;
  if (own === undefined || roomDomain === undefined) return 'federated';
  return roomDomain === own || roomDomain.endsWith(`.${own}`) ? 'own-server' : 'federated';
}
