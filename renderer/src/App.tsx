import { useEffect, useState } from 'react';
import { AboutPanel } from './AboutPanel.js';
import { useApi } from './ApiContext.js';
import { AccountForm } from './accounts/AccountForm.js';
import { AccountList } from './accounts/AccountList.js';
import { AccountPage, type AccountTab } from './accounts/AccountPage.js';
import { useAccounts } from './accounts/use-accounts.js';
import { Notices } from './common/Notices.js';
import { SubscriptionInboxProvider } from './contacts/SubscriptionInbox.js';
import { TrustCenter } from './trust/TrustCenter.js';
import { TrustDecisionHost } from './trust/TrustDecisionHost.js';

type View =
  | { readonly kind: 'home' }
  | { readonly kind: 'add-account' }
  | { readonly kind: 'account'; readonly accountId: string; readonly tab: AccountTab; readonly peer: string | null }
  | { readonly kind: 'trust-center' }
  | { readonly kind: 'about' };

/**
 * The window: accounts (with their identity badges) always in the sidebar, the chosen screen beside them,
 * and the trust decision dialog above everything whenever the main process needs an answer.
 */
export function App() {
  const api = useApi();
  const accounts = useAccounts(api);
  const [view, setView] = useState<View>({ kind: 'home' });

  // An xmpp: link was opened: show that chat in the current (or first) account.
  useEffect(
    () =>
      api.on('openChat', ({ jid }) =>
        setView((current) => {
          const accountId = current.kind === 'account' ? current.accountId : accounts.accounts[0]?.settings.id;
          return accountId ? { kind: 'account', accountId, tab: 'chats', peer: jid } : current;
        }),
      ),
    [api, accounts.accounts],
  );

  const selected = view.kind === 'account' ? accounts.accounts.find((a) => a.settings.id === view.accountId) : undefined;
  const openAccount = (accountId: string, tab: AccountTab = 'chats') => setView({ kind: 'account', accountId, tab, peer: null });
  const firstRun = accounts.status !== 'loading' && accounts.accounts.length === 0;

  let content;
  if (view.kind === 'account' && selected) {
    content = (
      <AccountPage
        key={selected.settings.id}
        account={selected}
        tab={view.tab}
        peer={view.peer}
        onTab={(tab) => setView({ ...view, tab })}
        onOpenChat={(peer) => setView({ ...view, tab: 'chats', peer })}
        onRemoved={() => setView({ kind: 'home' })}
      />
    );
  } else if (view.kind === 'add-account') {
    content = <AccountForm onDone={(account) => openAccount(account.settings.id)} onCancel={() => setView({ kind: 'home' })} />;
  } else if (view.kind === 'trust-center') {
    content = <TrustCenter onOpenAccount={(id) => openAccount(id, 'security')} />;
  } else if (view.kind === 'about') {
    content = <AboutPanel />;
  } else if (firstRun) {
    content = (
      <div className="welcome" data-testid="welcome">
        <p className="lead">Add your chat account to start. Hostproof checks who runs your server before it sends your password.</p>
        <AccountForm onDone={(account) => openAccount(account.settings.id)} />
        <AboutPanel />
      </div>
    );
  } else {
    content = accounts.status === 'loading' ? <p role="status">Loading accounts…</p> : <p className="note">Choose an account.</p>;
  }

  return (
    <SubscriptionInboxProvider>
      <div className="app">
        <header className="app-header">
          <h1>Hostproof</h1>
          <p className="tagline">Chat that shows who really runs your server.</p>
        </header>
        <Notices />
        {accounts.status === 'error' ? (
          <p role="alert" className="error-text">
            Could not load your accounts: {accounts.message}
          </p>
        ) : null}
        <div className="layout">
          <aside className="sidebar" aria-label="Accounts and settings">
            <nav aria-label="Accounts">
              <h2 className="sidebar__title">Accounts</h2>
              <AccountList
                accounts={accounts.accounts}
                selected={view.kind === 'account' ? view.accountId : null}
                onSelect={(id) => openAccount(id)}
                onOpenSecurity={(id) => openAccount(id, 'security')}
              />
              <button type="button" className="sidebar__button" onClick={() => setView({ kind: 'add-account' })} aria-current={view.kind === 'add-account' ? 'page' : undefined}>
                Add account
              </button>
            </nav>
            <nav aria-label="Settings" className="sidebar__settings">
              <button type="button" className="sidebar__button" onClick={() => setView({ kind: 'trust-center' })} aria-current={view.kind === 'trust-center' ? 'page' : undefined}>
                Trust center
              </button>
              <button type="button" className="sidebar__button" onClick={() => setView({ kind: 'about' })} aria-current={view.kind === 'about' ? 'page' : undefined}>
                About
              </button>
            </nav>
          </aside>
          <main className="content">{content}</main>
        </div>
        <TrustDecisionHost accounts={accounts.accounts} />
      </div>
    </SubscriptionInboxProvider>
  );
}
