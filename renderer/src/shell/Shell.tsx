import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { useNow } from '../accounts/use-now.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import { useUndecidedDevices } from '../chat/use-undecided-devices.js';
import { Notices } from '../common/Notices.js';
import { TrustDecisionHost } from '../trust/TrustDecisionHost.js';
import { useShortcuts } from '../common/use-shortcuts.js';
import type { RoomRef } from '../rooms/room-ref.js';
import { roomKey } from '../rooms/rooms-reducer.js';
import { JoinRoomDialog, SearchPanel } from './lazy-screens.js';
import { MainPane } from './MainPane.js';
import { QuickSwitcherHost } from './QuickSwitcherHost.js';
import { Sidebar } from './Sidebar.js';
import { useEscapeBack } from './use-escape-back.js';
import { useWindowData } from './use-window-data.js';
import './shell.css';
import { conversationOf, HOME, type SettingsSection, type View } from './view.js';

/**
 * The window: conversations of every account on the left, the chosen one (or "Start a chat", or settings) on the
 * right, and the trust decision dialog above everything whenever the main process needs an answer.
 */
export function Shell() {
  const api = useApi();
  const [view, setView] = useState<View>(HOME);
  const open = view.kind === 'chat' ? view.open : null;
  const openRoom = view.kind === 'room' ? view.room : null;
  const { accounts, accountIds, store, nameOf, conversations, conversationFailures, accountLabel, requests, rooms, invitations } = useWindowData(api, open, openRoom);
  const roomList = useMemo(() => [...rooms.rooms.values()], [rooms.rooms]);
  const showRoom = useCallback((room: RoomRef) => setView({ kind: 'room', room }), []);
  // "Join a room" (Ctrl+J, or from "Start a chat"): the account it starts from; from an invitation, its room and password.
  const [joining, setJoining] = useState<{ readonly accountId: string; readonly room?: string; readonly password?: string } | null>(null);
  const now = useNow(true, 60_000);
  const undecidedOf = useUndecidedDevices(api); // issue 15: a contact's new devices waiting for a decision

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
  useEscapeBack(view.kind !== 'chat' && view.kind !== 'room', back);
  const [switching, setSwitching] = useState(false);
  // The message search, over every conversation or (Ctrl+F) the open one.
  const [searching, setSearching] = useState<{ readonly scope: ConversationRef | null } | null>(null);
  const openings = useRef(0);
  const hasAccounts = accountIds.length > 0;
  const settingsAgain = () =>
    openSettings(view.kind === 'settings' ? view.section : accounts.accounts.length === 0 ? { kind: 'add-account' } : { kind: 'preferences' });
  useShortcuts({
    'Mod+K': () => hasAccounts && setSwitching(true),
    'Mod+N': () => hasAccounts && startChat(),
    'Mod+J': () => hasAccounts && setJoining({ accountId: openRoom?.accountId ?? conversationOf(view)?.accountId ?? accountIds[0] ?? '' }),
    'Mod+,': settingsAgain,
    'Mod+Shift+F': () => hasAccounts && setSearching({ scope: null }),
    'Mod+F': () => hasAccounts && setSearching({ scope: view.kind === 'chat' ? view.open : null }),
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
        conversationFailures={conversationFailures}
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
        rooms={roomList}
        openRoom={openRoom}
        onOpenRoom={showRoom}
        invitations={invitations.list}
        onAcceptInvitation={({ accountId, invitation }) => setJoining({ accountId, room: invitation.room, ...(invitation.password === null ? {} : { password: invitation.password }) })}
        onDismissInvitation={invitations.dismiss}
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
          onNewest={conversations.noteNewest}
          onSearchConversation={(conversation) => setSearching({ scope: conversation })}
          onHistoryChanged={conversations.refresh}
          rooms={rooms}
          onJoinRoom={(accountId) => setJoining({ accountId })}
          undecidedOf={undecidedOf}
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
      {searching ? (
        // No fallback: the panel is preloaded after the first screen, and a blank instant beats a flash of text.
        <Suspense fallback={null}>
          <SearchPanel
            accounts={accounts.accounts}
            scope={searching.scope}
            nameOf={nameOf}
            accountLabel={accountLabel}
            onOpen={(message) => {
              setSearching(null);
              openings.current += 1;
              setView({ kind: 'chat', open: { accountId: message.accountId, peer: message.peer }, focus: { messageId: message.id, opening: openings.current } });
            }}
            onClose={() => setSearching(null)}
          />
        </Suspense>
      ) : null}
      {joining ? (
        <Suspense fallback={null}>
          <JoinRoomDialog
            accounts={accounts.accounts}
            accountId={joining.accountId}
            {...(joining.room === undefined ? {} : { initialRoom: joining.room })}
            {...(joining.password === undefined ? {} : { initialPassword: joining.password })}
            onJoined={(summary) => {
              setJoining(null);
              rooms.joined(summary);
              invitations.joined(summary.accountId, summary.room);
              showRoom({ accountId: summary.accountId, room: summary.room });
            }}
            onCancel={() => setJoining(null)}
            isJoined={(accountId, room) => rooms.rooms.has(roomKey(accountId, room))}
          />
        </Suspense>
      ) : null}
      <TrustDecisionHost accounts={accounts.accounts} />
    </div>
  );
}
