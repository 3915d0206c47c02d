import { SHOWS, type ContactPresence, type PresenceChoice, type ResourcePresence, type RosterItem } from '../../../app/domain/chat.js';

export const SHOW_TEXT: Record<PresenceChoice, string> = {
  chat: 'Free to chat',
  online: 'Online',
  away: 'Away',
  xa: 'Away for a while',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

/** The resource that speaks for the contact: highest priority, then the most available (SHOWS is in that order). */
export function bestResource(presence: ContactPresence | undefined): ResourcePresence | null {
  if (!presence || presence.resources.length === 0) return null;
  return [...presence.resources].sort((a, b) => b.priority - a.priority || SHOWS.indexOf(a.show) - SHOWS.indexOf(b.show))[0] ?? null;
}

export function displayName(item: RosterItem): string {
  return item.name && item.name.trim() !== '' ? item.name : item.jid;
}

const NO_GROUP = 'Not in a group';

/** Contacts by group (a contact in two groups appears in both), groups sorted, ungrouped ones last. */
export function groupRoster(items: readonly RosterItem[], filter: string): Array<{ group: string; items: RosterItem[] }> {
  const needle = filter.trim().toLowerCase();
  const matching = needle === '' ? items : items.filter((i) => i.jid.toLowerCase().includes(needle) || (i.name ?? '').toLowerCase().includes(needle));
  const groups = new Map<string, RosterItem[]>();
  for (const item of matching) {
    for (const group of item.groups.length > 0 ? item.groups : [NO_GROUP]) {
      const list = groups.get(group) ?? [];
      list.push(item);
      groups.set(group, list);
    }
  }
  const names = [...groups.keys()].sort((a, b) => (a === NO_GROUP ? 1 : b === NO_GROUP ? -1 : a.localeCompare(b)));
  return names.map((group) => ({
    group,
    items: (groups.get(group) ?? []).sort((a, b) => displayName(a).localeCompare(displayName(b))),
  }));
}
