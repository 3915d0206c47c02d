import type { AccountView } from '../../../app/domain/account.js';
import { ChatView } from '../chat/ChatView.js';
import { ContactsView } from '../contacts/ContactsView.js';
import { IdentityBadge } from '../trust/IdentityBadge.js';
import { SecurityPanel } from '../trust/SecurityPanel.js';
import { AccountControls } from './AccountControls.js';
import { AccountForm } from './AccountForm.js';

export type AccountTab = 'chats' | 'contacts' | 'security' | 'edit';

const TABS: ReadonlyArray<{ readonly tab: Exclude<AccountTab, 'edit'>; readonly label: string }> = [
  { tab: 'chats', label: 'Chats' },
  { tab: 'contacts', label: 'Contacts' },
  { tab: 'security', label: 'Security' },
];

interface AccountPageProps {
  readonly account: AccountView;
  readonly tab: AccountTab;
  readonly peer: string | null;
  readonly onTab: (tab: AccountTab) => void;
  readonly onOpenChat: (peer: string) => void;
  readonly onRemoved: () => void;
}

/** One account: who it is and its identity, its connection, and its chats, contacts and security. */
export function AccountPage({ account, tab, peer, onTab, onOpenChat, onRemoved }: AccountPageProps) {
  const { settings } = account;
  return (
    <div className="account-page" data-testid="account-page">
      <header className="account-page__header">
        <h2 className="account-page__title">
          <bdi>{settings.jid}</bdi>
        </h2>
        <IdentityBadge verdict={account.lastVerdict} onOpen={() => onTab('security')} />
      </header>
      <AccountControls account={account} onEdit={() => onTab('edit')} onRemoved={onRemoved} />
      <nav className="tabs" aria-label="Account sections">
        {TABS.map(({ tab: t, label }) => (
          <button key={t} type="button" className="tab" aria-current={tab === t ? 'page' : undefined} onClick={() => onTab(t)}>
            {label}
          </button>
        ))}
      </nav>
      {tab === 'chats' ? <ChatView accountId={settings.id} peer={peer} onOpen={onOpenChat} /> : null}
      {tab === 'contacts' ? <ContactsView accountId={settings.id} onOpenChat={onOpenChat} /> : null}
      {tab === 'security' ? <SecurityPanel account={account} /> : null}
      {tab === 'edit' ? <AccountForm existing={settings} onDone={() => onTab('chats')} onCancel={() => onTab('chats')} /> : null}
    </div>
  );
}
