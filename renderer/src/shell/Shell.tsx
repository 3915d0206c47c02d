import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { useAccounts } from '../accounts/use-accounts.js';
import { useNow } from '../accounts/use-now.js';
import { useAllConversations } from '../chat/use-all-conversations.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import { Notices } from '../common/Notices.js';
import { useNameOf } from '../contacts/contact-names.js';
import { useRosterStore } from '../contacts/roster-store.js';
import { TrustDecisionHost } from '../trust/TrustDecisionHost.js';
import { useShortcuts } from '../common/use-shortcuts.js';
import { MainPane } from './MainPane.js';
import { QuickSwitcherHost } from './QuickSwitcherHost.js';
import { Sidebar } from './Sidebar.js';
import { useEscapeBack } from './use-escape-back.js';
import { useOnlineRefresh } from './use-online-refresh.js';
import './shell.css';
import { conversationOf, HOME, type SettingsSection, type View } from './view.js';

/**
 * The window: conversations of every account on the left, the chosen one (or "Start a chat", or settings) on the
 * right, and the trust decision dialog above everything whenever the main process needs an answer.
 */
export function Shell() {
  const api = useApi();
  const accounts = useAccounts(api);
  const [view, setView] = useState<View>(HOME);
  const open = view.kind === 'chat' ? view.open : null;

  // The account ids as one value: the account list is replaced on every connection event, the ids rarely change.
  const idsKey = accounts.accounts.map((a) => a.settings.id).join('\n');
  const accountIds = useMemo(() => (idsKey === '' ? [] : idsKey.split('\n')), [idsKey]);
  const store = useRosterStore();
  const { ensure } = store;
  useEffect(() => accountIds.forEach(ensure), [accountIds, ensure]);
  const nameOf = useNameOf(store.items);
  const conversations = useAllConversations(api, accountIds, open);
  const { markRead, refresh: refreshConversations } = conversations;
  const { refresh: refreshRoster } = store;
  useOnlineRefresh(
    accounts.accounts,
    useCallback(
      (accountId: string) => {
        refreshConversations(accountId);
        refreshRoster(accountId);
      },
      [refreshConversations, refreshRoster],
    ),
  );
  // A list that cannot load because its account is not online yet is no failure to report: it comes once online.
  const onlineIds = new Set(accounts.accounts.filter((a) => a.connection.stage === 'online').map((a) => a.settings.id));
  const failures = new Map([...conversations.failures].filter(([accountId]) => onlineIds.has(accountId)));
  useEffect(() => {
    if (open) markRead(open);
  }, [open, markRead]);

  const several = accounts.accounts.length > 1;
  const jids = useMemo(() => new Map(accounts.accounts.map((a) => [a.settings.id, a.settings.jid])), [accounts.accounts]);
  const accountLabel = useMemo(() => (several ? (accountId: string) => jids.get(accountId) ?? accountId : null), [several, jids]);
  const now = useNow(true, 60_000);
  let requests = 0;
  for (const roster of store.rosters.values()) requests += roster.requests.length;

  const openChat = useCallback((conversation: ConversationRef) => setView({ kind: 'chat', open: conversation }), []);
  // From an account's settings page, "Start a chat" starts from that account; when already open, it stays as it is.
  const startChat = useCallback(
    () =>
      setView((v) =>
        v.kind === 'start-chat' ? v : { kind: 'start-chat', accountId: v.kind === 'settings' && v.section.kind === 'account' ? v.section.accountId : null, back: conversationOf(v) },
      ),
    [],
  );
  const openSettings = useCallback((section: SettingsSection) => setView((v) => ({ kind: 'settings', section, back: conversationOf(v) })), []);
  const back = useCallback(() => setView((v) => ({ kind: 'chat', open: conversationOf(v) })), []);
  useEscapeBack(view.kind !== 'chat', back);
  const [switching, setSwitching] = useState(false);
  const hasAccounts = accountIds.length > 0;
  const settingsAgain = () =>
    openSettings(view.kind === 'settings' ? view.section : accounts.accounts.length === 0 ? { kind: 'add-account' } : { kind: 'preferences' });
  useShortcuts({
    'Mod+K': () => hasAccounts && setSwitching(true),
    'Mod+N': () => hasAccounts && startChat(),
    'Mod+,': settingsAgain,
  });

  // An xmpp: link was opened: show that chat in the open conversation's account, or the first one.
  const firstAccount = accountIds[0];
  useEffect(
    () =>
      api.on('openChat', ({ jid }) =>
        setView((v) => {
          const accountId = conversationOf(v)?.accountId ?? firstAccount;
          return accountId ? { kind: 'chat', open: { accountId, peer: jid } } : v;
        }),
      ),
    [api, firstAccount],
  );

  return (
    <div className="app">
      <Sidebar
        accounts={accounts.accounts}
        conversations={conversations.list}
        conversationFailures={failures}
        open={open}
        onOpen={openChat}
        nameOf={nameOf}
        accountLabel={accountLabel}
        now={now}
        requests={requests}
        onStartChat={startChat}
        onQuickSwitch={() => setSwitching(true)}
        onOpenAccount={(accountId) => openSettings({ kind: 'account', accountId, editing: false })}
        onSettings={settingsAgain}
        settingsOpen={view.kind === 'settings'}
        selectedAccount={view.kind === 'settings' && view.section.kind === 'account' ? view.section.accountId : null}
      />
      <main className="content">
        <Notices />
        {accounts.status === 'error' ? (
          <p role="alert" className="error-text">
            Could not load your accounts: {accounts.message}
          </p>
        ) : null}
        <MainPane
          view={view}
          accounts={accounts.accounts}
          loading={accounts.status === 'loading'}
          store={store}
          nameOf={nameOf}
          onView={setView}
          onOpenChat={openChat}
          onStartChat={startChat}
          onOpenSettings={openSettings}
          onBack={back}
          onSent={conversations.noteSent}
        />
      </main>
      {switching ? (
        <QuickSwitcherHost
          conversations={conversations.list}
          items={store.items}
          nameOf={nameOf}
          accountLabel={accountLabel}
          onOpen={(conversation) => {
            setSwitching(false);
            openChat(conversation);
          }}
          onClose={() => setSwitching(false)}
        />
      ) : null}
      <TrustDecisionHost accounts={accounts.accounts} />
    </div>
  );
}
