/**
 * The `<x xmlns='http://jabber.org/protocol/muc#user'>` a room adds to occupant presence (XEP-0045 §7.2):
 * the status codes and the occupant's item (role, affiliation, real JID, new nickname, reason). Read with
 * limits, because a hostile room decides what it sends: unknown values become 'none', texts are cut short.
 */
import type { Element } from '@xmpp/xml';
import { jidOrNull } from '../../../../app/domain/address/jid.js';
import { NS } from '../namespaces.js';
import { attr, singleChild } from '../stanza-read.js';
import type { Affiliation, Role } from './room-types.js';

export interface MucItem {
  readonly role: Role;
  readonly affiliation: Affiliation;
  /** The real bare JID, when shown and well formed. */
  readonly realJid: string | null;
  /** Status 303: the occupant's new nickname. */
  readonly nick: string | null;
  /** Why a moderator kicked or banned (already cut to MAX_REASON_CHARS). */
  readonly reason: string | null;
}

export interface MucUser {
  /** XEP-0045 §15.6 status codes (three digits), at most MAX_STATUS_CODES of them. */
  readonly statuses: ReadonlySet<number>;
  readonly item: MucItem | null;
}

/** A room has no honest reason to send more status codes than this in one stanza (the registry has ~25). */
const MAX_STATUS_CODES = 16;
/** Longest kick or ban reason we repeat to the user. */
export const MAX_REASON_CHARS = 300;
/** RFC 7622: a resourcepart (and so a nickname) is at most 1023 octets; characters are a safe upper bound. */
import { MAX_NICK_CHARS } from '../../../../app/domain/rooms.js';

export { MAX_NICK_CHARS };

const ROLES: ReadonlySet<string> = new Set(['moderator', 'participant', 'visitor', 'none']);
const AFFILIATIONS: ReadonlySet<string> = new Set(['owner', 'admin', 'member', 'outcast', 'none']);

const role = (value: string | null): Role => (value !== null && ROLES.has(value) ? (value as Role) : 'none');
const affiliation = (value: string | null): Affiliation => (value !== null && AFFILIATIONS.has(value) ? (value as Affiliation) : 'none');

/** A nickname as it may appear as a resource: not empty, not too long, no control characters. */
export function validNick(value: string | null): string | null {
  if (value === null || value.length > MAX_NICK_CHARS || /\p{Cc}/u.test(value) || value.trim().length === 0) return null;
  return value.normalize('NFC');
}

function readStatuses(x: Element): Set<number> {
  const codes = new Set<number>();
  for (const status of x.getChildren('status', NS.mucUser)) {
    const code = attr(status, 'code');
    if (code !== null && /^[1-9]\d\d$/.test(code)) codes.add(Number(code));
    if (codes.size >= MAX_STATUS_CODES) break;
  }
  return codes;
}

function readItem(x: Element): MucItem | null {
  // Occupant presence carries exactly one item; several is ambiguous, and then we believe none.
  const item = singleChild(x, 'item', NS.mucUser);
  if (item === null) return null;
  const reason = item.getChildText('reason', NS.mucUser)?.trim() ?? '';
  return {
    role: role(attr(item, 'role')),
    affiliation: affiliation(attr(item, 'affiliation')),
    realJid: jidOrNull(attr(item, 'jid'))?.bare ?? null,
    nick: validNick(attr(item, 'nick')),
    reason: reason.length === 0 ? null : reason.slice(0, MAX_REASON_CHARS),
  };
}

/** The stanza's single muc#user element, read; null when it has none (or several). */
export function readMucUser(stanza: Element): MucUser | null {
  const x = singleChild(stanza, 'x', NS.mucUser);
  return x === null ? null : { statuses: readStatuses(x), item: readItem(x) };
}
