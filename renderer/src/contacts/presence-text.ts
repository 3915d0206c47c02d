import type { AvatarPresence } from '../common/Avatar.js';
import { SHOWS, type ContactPresence, type PresenceChoice, type ResourcePresence, type RosterItem } from '../../../app/domain/chat.js';

export const SHOW_TEXT: Record<PresenceChoice, string> = {
  chat: 'Free to chat',
  online: 'Online',
  away: 'Away',
  xa: 'Away for a while',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

/** How an avatar's presence dot shows each presence (the words are written next to it). */
export const AVATAR_PRESENCE = { online: 'online', chat: 'online', away: 'away', xa: 'away', dnd: 'busy', offline: 'offline' } as const satisfies Record<PresenceChoice, AvatarPresence>;

/** The resource that speaks for the contact: highest priority, then the most available (SHOWS is in that order). */
export function bestResource(presence: ContactPresence | undefined): ResourcePresence | null {
  if (!presence || presence.resources.length === 0) return null;
  return [...presence.resources].sort((a, b) => b.priority - a.priority || SHOWS.indexOf(a.show) - SHOWS.indexOf(b.show))[0] ?? null;
}

export function displayName(item: RosterItem): string {
  return item.name && item.name.trim() !== '' ? item.name : item.jid;
}

const NO_GROUP = 'Not in a group';

export interface RosterGroup {
  readonly group: string;
  readonly items: RosterItem[];
}

/**
 * Contacts by group (a contact in two groups appears in both), groups sorted, ungrouped ones last. Presence
 * plays no part, so the caller memoises this on the roster and the filter and presence updates never regroup.
 * Names are compared through one collator with each name worked out once: 5,000 contacts sort in a few ms.
 */
export function groupRoster(items: readonly RosterItem[], filter: string): RosterGroup[] {
  const needle = filter.trim().toLowerCase();
  const matching = needle === '' ? items : items.filter((i) => i.jid.toLowerCase().includes(needle) || (i.name ?? '').toLowerCase().includes(needle));
  const collator = new Intl.Collator();
  const names = new Map(matching.map((i) => [i, displayName(i)]));
  const groups = new Map<string, RosterItem[]>();
  for (const item of matching) {
    for (const group of item.groups.length > 0 ? item.groups : [NO_GROUP]) {
      const list = groups.get(group);
      if (list) list.push(item);
      else groups.set(group, [item]);
    }
  }
  const order = [...groups.keys()].sort((a, b) => (a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : collator.compare(a, b)));
  return order.map((group) => ({
    group,
    items: (groups.get(group) ?? []).sort((a, b) => collator.compare(names.get(a) ?? '', names.get(b) ?? '')),
  }));
}
