import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RosterItem, SubscriptionAction } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { request } from '../common/ipc.js';
import { VirtualList } from '../common/VirtualList.js';
import { AddContactForm } from './AddContactForm.js';
import { ContactRow } from './ContactRow.js';
import { groupRoster } from './presence-text.js';
import { RenameContactDialog } from './RenameContactDialog.js';
import { rosterRows, type RosterRow } from './roster-rows.js';
import { SubscriptionRequests } from './SubscriptionRequests.js';
import { useRoster } from './use-roster.js';
// issue 14: blocking
import { BlockDialog } from '../blocking/BlockDialog.js';
import { useBlocking } from '../blocking/use-blocking.js';

const rowKey = (row: RosterRow) => row.key;
const height = { estimate: (row: RosterRow) => (row.kind === 'group' ? 44 : 64) };

interface ContactsViewProps {
  readonly accountId: string;
  readonly onOpenChat: (jid: string) => void;
}

/** One account's contacts by group with presence, search, add, rename, remove, and pending subscription requests. */
export function ContactsView({ accountId, onOpenChat }: ContactsViewProps) {
  const api = useApi();
  const roster = useRoster(accountId);
  const searchId = useId();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<RosterItem | null>(null);
  const [removing, setRemoving] = useState<RosterItem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // issue 14: blocking
  const blocking = useBlocking(accountId);
  const [blockingItem, setBlockingItem] = useState<RosterItem | null>(null);
  const { blockedBy, unblock } = blocking;
  const onUnblock = useCallback(
    (item: RosterItem) => {
      const entry = blockedBy(item.jid);
      if (entry !== null) void unblock(entry).then(setFailure);
    },
    [blockedBy, unblock],
  );

  const remove = async (item: RosterItem) => {
    const result = await request(() => api.removeContact({ accountId, jid: item.jid }));
    if (result.ok) {
      setRemoving(null);
      setFailure(null);
    } else setFailure(result.message);
  };

  // Rows are memoised: every callback they get must keep its identity across renders, or each presence change
  // would re-render all 5,000 rows again.
  const onSubscription = useCallback(
    (item: RosterItem, action: SubscriptionAction) =>
      void request(() => api.changeSubscription({ accountId, jid: item.jid, action })).then((result) => setFailure(result.ok ? null : result.message)),
    [api, accountId],
  );
  const openChat = useRef(onOpenChat);
  useEffect(() => {
    openChat.current = onOpenChat;
  }, [onOpenChat]);
  const onChat = useCallback((jid: string) => openChat.current(jid), []);

  // Grouping depends on the roster and the search only, not on presence.
  const groups = useMemo(() => groupRoster(roster.items, filter), [roster.items, filter]);
  const rows = useMemo(() => rosterRows(groups), [groups]);
  const { presence } = roster;
  const renderRow = useCallback(
    (row: RosterRow) =>
      row.kind === 'group' ? (
        <h3 className="section-title roster-group" data-group={row.group}>
          <bdi>{row.group}</bdi> <span className="note">({row.count})</span>
        </h3>
      ) : (
        <ContactRow
          item={row.item}
          group={row.group}
          presence={presence.get(row.item.jid)}
          onChat={onChat}
          onRename={setRenaming}
          onRemove={setRemoving}
          onSubscription={onSubscription}
          blocked={blockedBy(row.item.jid) !== null}
          onBlock={blocking.offered ? setBlockingItem : undefined}
          onUnblock={onUnblock}
        />
      ),
    [presence, onChat, onSubscription, blockedBy, blocking.offered, onUnblock],
  );
  return (
    <section className="contacts panel" aria-label="Contacts" data-testid="contacts-view">
      {/* issue 14: blocking. A request shown before its sender was blocked goes with the block. */}
      <SubscriptionRequests accountId={accountId} requests={roster.requests.filter((r) => blockedBy(r.from) === null)} onAnswered={roster.answered} />
      <div className="toolbar">
        <label htmlFor={searchId} className="sr-only">
          Search contacts
        </label>
        <input id={searchId} type="search" placeholder="Search contacts by name or address" autoFocus value={filter} onChange={(e) => setFilter(e.target.value)} />
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
      {groups.length > 0 ? (
        <VirtualList rows={rows} rowKey={rowKey} height={height} renderRow={renderRow} label="Contacts" className="roster" testId="roster" />
      ) : null}
      {renaming ? <RenameContactDialog accountId={accountId} item={renaming} onClose={() => setRenaming(null)} /> : null}
      {blockingItem ? <BlockDialog address={blockingItem.jid} name={blockingItem.name ?? blockingItem.jid} block={blocking.block} onClose={() => setBlockingItem(null)} /> : null}
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
