import type { AccountId, AccountView } from '../../../app/domain/account.js';
import { AboutPanel } from '../AboutPanel.js';
import { AccountForm } from '../accounts/AccountForm.js';
import { AccountPage } from '../accounts/AccountPage.js';
import type { SettingsSection } from '../shell/view.js';
import { TrustCenter } from '../trust/TrustCenter.js';
import { Preferences } from './Preferences.js';
import { BlockedSettings } from '../blocking/BlockedSettings.js'; // issue 14: blocking

interface SettingsViewProps {
  readonly accounts: readonly AccountView[];
  readonly section: SettingsSection;
  readonly onSection: (section: SettingsSection) => void;
  readonly onAccountAdded: (accountId: AccountId) => void;
  readonly onClose: () => void;
  /** An account's history on this computer was cleared: its conversation list is read again. */
  readonly onHistoryChanged?: (accountId: AccountId) => void;
}

type Simple = Exclude<SettingsSection['kind'], 'account'>;
const SECTIONS: ReadonlyArray<{ readonly kind: Exclude<Simple, 'add-account'>; readonly label: string }> = [
  { kind: 'trust-center', label: 'Trust center' },
  { kind: 'preferences', label: 'Preferences' },
  { kind: 'about', label: 'About' },
  { kind: 'blocked', label: 'Blocked' }, // issue 14: blocking
];

/** Accounts, the trust center, preferences and the application's details, each a section with its own link. */
export function SettingsView({ accounts, section, onSection, onAccountAdded, onClose, onHistoryChanged }: SettingsViewProps) {
  const account = section.kind === 'account' ? accounts.find((a) => a.settings.id === section.accountId) : undefined;
  let content;
  if (section.kind === 'account') {
    content = account ? (
      <AccountPage
        key={account.settings.id}
        account={account}
        editing={section.editing}
        onEditing={(editing) => onSection({ kind: 'account', accountId: account.settings.id, editing })}
        onRemoved={() => onSection({ kind: 'preferences' })}
        onHistoryCleared={() => onHistoryChanged?.(account.settings.id)}
      />
    ) : (
      <p className="note">This account no longer exists.</p>
    );
  } else if (section.kind === 'add-account') {
    content = <AccountForm onDone={(added) => onAccountAdded(added.settings.id)} onCancel={onClose} />;
  } else if (section.kind === 'trust-center') {
    content = <TrustCenter onOpenAccount={(accountId) => onSection({ kind: 'account', accountId, editing: false })} />;
  } else if (section.kind === 'preferences') {
    content = <Preferences />;
  } else if (section.kind === 'blocked') {
    content = <BlockedSettings accounts={accounts} />; // issue 14: blocking
  } else {
    content = <AboutPanel />;
  }
  const current = (kind: SettingsSection['kind'], accountId?: AccountId) =>
    section.kind === kind && (accountId === undefined || (section.kind === 'account' && section.accountId === accountId)) ? 'page' : undefined;
  return (
    <div className="settings" data-testid="settings">
      <header className="pane-header">
        <h2 className="pane-header__title">Settings</h2>
        <button type="button" className="pane-header__close" onClick={onClose} aria-label="Close settings" title="Close (Esc)">
          ✕
        </button>
      </header>
      <div className="settings__body">
        <nav className="settings__nav" aria-label="Settings sections">
          <h3 className="settings__group">Accounts</h3>
          <ul className="plain-list">
            {accounts.map((a) => (
              <li key={a.settings.id}>
                <button type="button" className="settings__link" aria-current={current('account', a.settings.id)} onClick={() => onSection({ kind: 'account', accountId: a.settings.id, editing: false })}>
                  <bdi>{a.settings.jid}</bdi>
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="settings__link" aria-current={current('add-account')} onClick={() => onSection({ kind: 'add-account' })}>
                Add account
              </button>
            </li>
          </ul>
          <h3 className="settings__group">Hostproof</h3>
          <ul className="plain-list">
            {SECTIONS.map(({ kind, label }) => (
              <li key={kind}>
                <button type="button" className="settings__link" aria-current={current(kind)} onClick={() => onSection({ kind } as SettingsSection)}>
                  {label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings__content">{content}</div>
      </div>
    </div>
  );
}
