import type { AccountView } from '../../../app/domain/account.js';
import { PresenceSelector } from '../contacts/PresenceSelector.js';
import { IdentityBadge } from '../trust/IdentityBadge.js';
import { SecurityPanel } from '../trust/SecurityPanel.js';
import { AccountHistory } from './AccountHistory.js';
import { AccountControls } from './AccountControls.js';
import { AccountForm } from './AccountForm.js';
// issue 14: avatars
import { OwnAvatar } from './OwnAvatar.js';

interface AccountPageProps {
  readonly account: AccountView;
  readonly editing: boolean;
  readonly onEditing: (editing: boolean) => void;
  readonly onRemoved: () => void;
  /** The account's history on this computer was cleared. */
  readonly onHistoryCleared?: () => void;
}

/** One account in settings: who it is and its identity, its connection and presence, and the server's security story. */
export function AccountPage({ account, editing, onEditing, onRemoved, onHistoryCleared }: AccountPageProps) {
  const { settings } = account;
  return (
    <div className="account-page" data-testid="account-page">
      <header className="account-page__header">
        <h2 className="account-page__title">
          <bdi>{settings.jid}</bdi>
        </h2>
        <IdentityBadge verdict={account.lastVerdict} />
      </header>
      <AccountControls account={account} onEdit={() => onEditing(true)} onRemoved={onRemoved} />
      {editing ? (
        <AccountForm existing={settings} onDone={() => onEditing(false)} onCancel={() => onEditing(false)} />
      ) : (
        <>
          {account.connection.stage === 'online' ? <PresenceSelector accountId={settings.id} /> : null}
          <OwnAvatar account={account} />
          <SecurityPanel account={account} />
          <AccountHistory account={account} onCleared={() => onHistoryCleared?.()} />
        </>
      )}
    </div>
  );
}
