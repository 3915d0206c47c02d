import { useId, useState } from 'react';
import type { RosterItem, SubscriptionAction } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { request } from '../common/ipc.js';
import { AddContactForm } from './AddContactForm.js';
import { ContactRow } from './ContactRow.js';
import { groupRoster } from './presence-text.js';
import { PresenceSelector } from './PresenceSelector.js';
import { RenameContactDialog } from './RenameContactDialog.js';
import { SubscriptionRequests } from './SubscriptionRequests.js';
import { useRoster } from './use-roster.js';

interface ContactsViewProps {
  readonly accountId: string;
  readonly onOpenChat: (jid: string) => void;
}

/** The roster by group with presence, search, add, rename, remove, and pending subscription requests. */
export function ContactsView({ accountId, onOpenChat }: ContactsViewProps) {
  const api = useApi();
  const roster = useRoster(api, accountId);
  const searchId = useId();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<RosterItem | null>(null);
  const [removing, setRemoving] = useState<RosterItem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const remove = async (item: RosterItem) => {
    const result = await request(() => api.removeContact({ accountId, jid: item.jid }));
    if (result.ok) {
      setRemoving(null);
      setFailure(null);
    } else setFailure(result.message);
  };

  const changeSubscription = async (item: RosterItem, action: SubscriptionAction) => {
    const result = await request(() => api.changeSubscription({ accountId, jid: item.jid, action }));
    setFailure(result.ok ? null : result.message);
  };

  const groups = groupRoster(roster.items, filter);
  return (
    <section className="contacts panel" aria-label="Contacts" data-testid="contacts-view">
      <PresenceSelector accountId={accountId} />
      <SubscriptionRequests accountId={accountId} requests={roster.requests} onAnswered={roster.answered} />
      <div className="toolbar">
        <label htmlFor={searchId} className="sr-only">
          Search contacts
        </label>
        <input id={searchId} type="search" placeholder="Search contacts" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          Add contact
        </button>
      </div>
      {failure !== null && removing === null ? (
        <p role="alert" className="error-text">
          {failure}
        </p>
      ) : null}
      {adding ? <AddContactForm accountId={accountId} onDone={() => setAdding(false)} /> : null}
      {roster.status === 'loading' ? <p role="status">Loading contacts…</p> : null}
      {roster.status === 'error' ? <p role="alert">Could not load contacts: {roster.message}</p> : null}
      {roster.status === 'ready' && groups.length === 0 ? <p>{filter === '' ? 'No contacts yet.' : 'No contact matches.'}</p> : null}
      {groups.map(({ group, items }) => (
        <section key={group} className="roster-group" aria-label={group}>
          <h3 className="section-title">
            <bdi>{group}</bdi> <span className="note">({items.length})</span>
          </h3>
          <ul className="contact-list">
            {items.map((item) => (
              <ContactRow
                key={item.jid}
                item={item}
                presence={roster.presence.get(item.jid)}
                onChat={onOpenChat}
                onRename={setRenaming}
                onRemove={setRemoving}
                onSubscription={(target, action) => void changeSubscription(target, action)}
              />
            ))}
          </ul>
        </section>
      ))}
      {renaming ? <RenameContactDialog accountId={accountId} item={renaming} onClose={() => setRenaming(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.name ?? removing.jid}?`}
          description={<p>They will be removed from your contacts and will no longer see when you are online.</p>}
          confirmLabel="Remove contact"
          error={failure}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
          testId="remove-contact-confirm"
        />
      ) : null}
    </section>
  );
}
