import { useEffect } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { UndecidedDevice } from '../../../app/ipc/omemo-contract.js';
import { ConversationPane } from '../chat/ConversationPane.js';
import { prepareDateFormats } from '../common/format-time.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import type { NameOf } from '../contacts/contact-names.js';
import type { useRosterStore } from '../contacts/roster-store.js';
import { roomKey } from '../rooms/rooms-reducer.js';
import type { useRooms } from '../rooms/use-rooms.js';
import { preloadScreens, RoomPane, ScreenLoading, SettingsView, StartChat, Welcome } from './lazy-screens.js';
import { prepareAhead } from './prepare-ahead.js';
import { HOME, type SettingsSection, type View } from './view.js';

interface MainPaneProps {
  readonly view: View;
  readonly accounts: readonly AccountView[];
  readonly loading: boolean;
  readonly store: ReturnType<typeof useRosterStore>;
  readonly nameOf: NameOf;
  readonly onView: (view: View) => void;
  readonly onOpenChat: (conversation: ConversationRef) => void;
  readonly onStartChat: () => void;
  readonly onOpenSettings: (section: SettingsSection) => void;
  readonly onBack: () => void;
  readonly onNewest: (message: ChatMessage) => void;
  /** Opens the message search for one conversation. */
  readonly onSearchConversation: (conversation: ConversationRef) => void;
  /** An account's history on this computer changed (a conversation deleted, all cleared): its list is read again. */
  readonly onHistoryChanged: (accountId: AccountId) => void;
  readonly rooms: ReturnType<typeof useRooms>;
  /** Opens "Join a room", from the given account. */
  readonly onJoinRoom: (accountId: AccountId) => void;
  /** issue 15: a conversation's contact devices that wait for the person's decision. */
  readonly undecidedOf: (conversation: ConversationRef) => readonly UndecidedDevice[];
}

/** The right-hand side: the open conversation, "Start a chat", the settings, or a first step when there is nothing yet. */
export function MainPane({ view, accounts, loading, store, nameOf, onView, onOpenChat, onStartChat, onOpenSettings, onBack, onNewest, onSearchConversation, onHistoryChanged, rooms, onJoinRoom, undecidedOf }: MainPaneProps) {
  // Once the accounts are known: the first screen is then about to show, and what is prepared comes after it.
  useEffect(() => (loading ? undefined : prepareAhead([preloadScreens, prepareDateFormats])), [loading]);
  if (loading) return <p role="status">Loading accounts…</p>;
  const openAccount = (accountId: AccountId) => onOpenSettings({ kind: 'account', accountId, editing: false });
  if (view.kind === 'settings') {
    return (
      <ScreenLoading>
        <SettingsView
          accounts={accounts}
          section={view.section}
          onSection={(section) => onView({ ...view, section })}
          onAccountAdded={openAccount}
          onClose={onBack}
          onHistoryChanged={onHistoryChanged}
        />
      </ScreenLoading>
    );
  }
  if (accounts.length === 0) {
    return (
      <ScreenLoading>
        <Welcome onAccountAdded={openAccount} />
      </ScreenLoading>
    );
  }
  if (view.kind === 'start-chat') {
    const accountId = view.accountId ?? view.back?.accountId ?? accounts[0]?.settings.id ?? '';
    return (
      <ScreenLoading>
        <StartChat
          accounts={accounts}
          accountId={accountId}
          onAccount={(id) => onView({ ...view, accountId: id })}
          onOpenChat={(id, peer) => onOpenChat({ accountId: id, peer })}
          onJoinRoom={onJoinRoom}
          onClose={onBack}
        />
      </ScreenLoading>
    );
  }
  if (view.kind === 'room') {
    const ref = view.room;
    const entry = rooms.rooms.get(roomKey(ref.accountId, ref.room));
    const roomAccount = accounts.find((a) => a.settings.id === ref.accountId);
    if (entry && roomAccount) {
      return (
        <ScreenLoading>
          <RoomPane
            key={roomKey(ref.accountId, ref.room)}
            entry={entry}
            account={roomAccount}
            showAccount={accounts.length > 1}
            onSend={(body) => rooms.send(ref, body)}
            onLeave={async () => {
              const failure = await rooms.leave(ref);
              if (failure === null) onView(HOME);
              return failure;
            }}
            onOpenSecurity={() => openAccount(ref.accountId)}
            privates={rooms.privates}
            contacts={store.items.get(ref.accountId)}
          />
        </ScreenLoading>
      );
    }
  }
  const account = view.kind === 'chat' && view.open ? accounts.find((a) => a.settings.id === view.open?.accountId) : undefined;
  if (view.kind === 'chat' && view.open && account) {
    const { peer } = view.open;
    const open = view.open;
    return (
      <ConversationPane
        // Opened at a search result: a pane of its own, loaded around that message.
        key={`${account.settings.id}|${peer}|${view.focus?.opening ?? ''}`}
        focusId={view.focus?.messageId ?? null}
        onShowLatest={() => onView({ kind: 'chat', open })}
        onSearch={() => onSearchConversation(open)}
        account={account}
        peer={peer}
        name={nameOf(account.settings.id, peer)}
        presence={store.rosters.get(account.settings.id)?.presence.get(peer)}
        showAccount={accounts.length > 1}
        onOpenSecurity={() => openAccount(account.settings.id)}
        undecidedDevices={undecidedOf(open)}
        onOpenTrustCenter={() => onOpenSettings({ kind: 'trust-center' })}
        onNewest={onNewest}
        onHistoryDeleted={() => {
          onHistoryChanged(account.settings.id);
          onView(HOME);
        }}
      />
    );
  }
  return (
    <div className="chat-empty" data-testid="chat-empty">
      <p className="lead">Choose a chat on the left, or start a new one.</p>
      <p>
        <button type="button" className="button--primary" onClick={onStartChat}>
          Start a chat
        </button>
      </p>
      <p className="note">
        <kbd>Ctrl</kbd>+<kbd>K</kbd> finds any chat or contact; <kbd>Ctrl</kbd>+<kbd>N</kbd> starts a new chat;{' '}
        <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>F</kbd> searches your messages.
      </p>
    </div>
  );
}
