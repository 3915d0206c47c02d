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
import { MainPane } from './MainPane.js';
import { Sidebar } from './Sidebar.js';
import { useEscapeBack } from './use-escape-back.js';
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
  const { markRead } = conversations;
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
  // From an account's settings page, "Start a chat" starts from that account.
  const startChat = useCallback(
    () => setView((v) => ({ kind: 'start-chat', accountId: v.kind === 'settings' && v.section.kind === 'account' ? v.section.accountId : null, back: conversationOf(v) })),
    [],
  );
  const openSettings = useCallback((section: SettingsSection) => setView((v) => ({ kind: 'settings', section, back: conversationOf(v) })), []);
  const back = useCallback(() => setView((v) => ({ kind: 'chat', open: conversationOf(v) })), []);
  useEscapeBack(view.kind !== 'chat', back);

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
        conversationFailures={conversations.failures}
        open={open}
        onOpen={openChat}
        nameOf={nameOf}
        accountLabel={accountLabel}
        now={now}
        requests={requests}
        onStartChat={startChat}
        onQuickSwitch={() => undefined}
        onOpenAccount={(accountId) => openSettings({ kind: 'account', accountId, editing: false })}
        onSettings={() => openSettings({ kind: view.kind === 'settings' ? view.section.kind === 'account' ? 'preferences' : view.section.kind : 'preferences' } as SettingsSection)}
        settingsOpen={view.kind === 'settings'}
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
      <TrustDecisionHost accounts={accounts.accounts} />
    </div>
  );
}
