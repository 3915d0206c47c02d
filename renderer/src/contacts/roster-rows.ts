import type { RosterItem } from '../../../app/domain/chat.js';
import type { RosterGroup } from './presence-text.js';

/** One line of the virtualised roster: a group's heading, or a contact in that group. */
export type RosterRow =
  | { readonly kind: 'group'; readonly key: string; readonly group: string; readonly count: number }
  | { readonly kind: 'contact'; readonly key: string; readonly group: string; readonly item: RosterItem };

/** The groups as one flat list of rows; keys hold group and address, since one contact can be in two groups. */
export function rosterRows(groups: readonly RosterGroup[]): RosterRow[] {
  const rows: RosterRow[] = [];
  for (const { group, items } of groups) {
    rows.push({ kind: 'group', key: `group:${group}`, group, count: items.length });
    for (const item of items) rows.push({ kind: 'contact', key: `contact:${group}:${item.jid}`, group, item });
  }
  return rows;
}
