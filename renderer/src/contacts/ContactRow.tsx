import { memo } from 'react';
import type { ContactPresence, RosterItem, SubscriptionAction } from '../../../app/domain/chat.js';
import { Avatar } from '../common/Avatar.js';
import { AVATAR_PRESENCE, bestResource, displayName, SHOW_TEXT } from './presence-text.js';

interface ContactRowProps {
  readonly item: RosterItem;
  /** The group this row is listed under (a contact in two groups has a row in each). */
  readonly group: string;
  readonly presence: ContactPresence | undefined;
  readonly onChat: (jid: string) => void;
  readonly onRename: (item: RosterItem) => void;
  readonly onRemove: (item: RosterItem) => void;
  readonly onSubscription: (item: RosterItem, action: SubscriptionAction) => void;
  // issue 14: blocking
  /** Whether the contact (or their whole domain) is blocked. */
  readonly blocked?: boolean;
  /** Absent when blocking cannot be offered (the server does not support it). */
  readonly onBlock?: (item: RosterItem) => void;
  readonly onUnblock?: (item: RosterItem) => void;
}

/** Which presence-sharing changes make sense for this contact now (RFC 6121 §3). */
export function subscriptionActions(item: RosterItem): ReadonlyArray<{ action: SubscriptionAction; label: string }> {
  const theySeeUs = item.subscription === 'from' || item.subscription === 'both';
  const weSeeThem = item.subscription === 'to' || item.subscription === 'both';
  const actions: Array<{ action: SubscriptionAction; label: string }> = [];
  if (!weSeeThem && !item.pendingOut) actions.push({ action: 'request', label: 'Ask to see their status' });
  if (weSeeThem) actions.push({ action: 'unsubscribe', label: 'Stop seeing their status' });
  if (theySeeUs) actions.push({ action: 'revoke', label: 'Stop sharing my status' });
  else if (!item.approved) actions.push({ action: 'pre-approve', label: 'Let them see my status' });
  return actions;
}

/**
 * One contact: name, address, presence and status text (all network data, shown isolated as text). Memoised:
 * a presence change re-renders the one contact it is about, not the roster.
 */
export const ContactRow = memo(function ContactRow({ item, group, presence, onChat, onRename, onRemove, onSubscription, blocked = false, onBlock, onUnblock }: ContactRowProps) {
  const best = bestResource(presence);
  const show = best?.show ?? 'offline';
  const name = displayName(item);
  return (
    <div className="contact" data-testid="contact" data-jid={item.jid} data-group={group}>
      <Avatar name={name} address={item.jid} presence={AVATAR_PRESENCE[show]} />
      <div className="contact__text">
        <bdi className="contact__name">{name}</bdi>
        {name !== item.jid ? <bdi className="contact__jid note">{item.jid}</bdi> : null}
        <span className="contact__presence note" data-testid="contact-presence">
          {SHOW_TEXT[show]}
          {best?.status ? (
            <>
              {' — '}
              <bdi>{best.status}</bdi>
            </>
          ) : null}
          {item.pendingOut ? ' · waiting for them to accept' : ''}
          {item.subscription === 'none' || item.subscription === 'from' ? ' · you do not see their presence' : ''}
          {blocked ? ' · blocked' : ''}
        </span>
      </div>
      <div className="contact__actions" role="group" aria-label={`Actions for ${name}`}>
        <button type="button" className="button--small button--primary" onClick={() => onChat(item.jid)}>
          Chat
        </button>
        <button type="button" className="button--small" onClick={() => onRename(item)}>
          Rename
        </button>
        {subscriptionActions(item).map(({ action, label }) => (
          <button key={action} type="button" className="button--small" onClick={() => onSubscription(item, action)}>
            {label}
          </button>
        ))}
        <button type="button" className="button--small button--danger" onClick={() => onRemove(item)}>
          Remove
        </button>
        {/* issue 14: blocking */}
        {blocked && onUnblock ? (
          <button type="button" className="button--small" onClick={() => onUnblock(item)}>
            Unblock
          </button>
        ) : null}
        {!blocked && onBlock ? (
          <button type="button" className="button--small button--danger" onClick={() => onBlock(item)}>
            Block…
          </button>
        ) : null}
      </div>
    </div>
  );
});
