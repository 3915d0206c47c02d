/** One `<item/>` of a `jabber:iq:roster` query (RFC 6121 §2.1.2), checked field by field. */
import type { Element } from '@xmpp/xml';
import type { RosterItem, Subscription } from '../../../app/domain/chat.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { NS } from './namespaces.js';
import { attr } from './stanza-read.js';

export type RosterItemParse =
  | { readonly kind: 'item'; readonly item: RosterItem }
  | { readonly kind: 'remove'; readonly jid: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const SUBSCRIPTIONS: ReadonlySet<string> = new Set(['none', 'to', 'from', 'both']);

export function parseRosterItem(element: Element): RosterItemParse {
  if (!element.is('item', NS.roster)) return { kind: 'invalid', reason: 'not a roster item' };
  const jid = jidOrNull(attr(element, 'jid'));
  if (jid === null) return { kind: 'invalid', reason: 'roster item without a valid jid' };
  // Contacts are accounts (or services), never one device of an account.
  if (jid.resource !== null) return { kind: 'invalid', reason: 'roster item with a full JID' };

  // RFC 6121 §2.1.2.5: a missing subscription means 'none'.
  const subscription = attr(element, 'subscription') ?? 'none';
  if (subscription === 'remove') return { kind: 'remove', jid: jid.bare };
  if (!SUBSCRIPTIONS.has(subscription)) return { kind: 'invalid', reason: 'roster item with an unknown subscription' };

  const groups = new Set<string>();
  for (const group of element.getChildren('group', NS.roster)) {
    const name = group.getText();
    if (name.length > 0) groups.add(name);
  }
  return {
    kind: 'item',
    item: {
      jid: jid.bare,
      name: attr(element, 'name'),
      groups: [...groups],
      subscription: subscription as Subscription,
      pendingOut: attr(element, 'ask') === 'subscribe',
      approved: attr(element, 'approved') === 'true' || attr(element, 'approved') === '1',
    },
  };
}
