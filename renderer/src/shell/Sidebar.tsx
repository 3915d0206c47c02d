import type { AccountId, AccountView } from '../../../app/domain/account.js';
import { AccountList } from '../accounts/AccountList.js';
import { ConversationList } from '../chat/ConversationList.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import type { ConversationEntry } from '../chat/conversations-reducer.js';
import type { NameOf } from '../contacts/contact-names.js';
import type { RoomRef } from '../rooms/room-ref.js';
import { InvitationCards } from '../rooms/InvitationCards.js';
import type { InvitationEntry } from '../rooms/invitations-reducer.js';
import type { RoomEntry } from '../rooms/rooms-reducer.js';
import { SidebarEmpty } from './SidebarEmpty.js';

interface SidebarProps {
  readonly accounts: readonly AccountView[];
  readonly conversations: readonly ConversationEntry[];
  readonly conversationFailures: ReadonlyMap<AccountId, string>;
  readonly open: ConversationRef | null;
  readonly onOpen: (conversation: ConversationRef) => void;
  readonly nameOf: NameOf;
  readonly accountLabel: ((accountId: AccountId) => string) | null;
  readonly now: number;
  readonly requests: number;
  readonly onStartChat: () => void;
  readonly onQuickSwitch: () => void;
  readonly onOpenAccount: (accountId: AccountId) => void;
  readonly onSettings: () => void;
  readonly settingsOpen: boolean;
  /** The account whose settings page is open, marked in the list. */
  readonly selectedAccount: AccountId | null;
  /** The joined rooms of every account, among the chats by last activity. */
  readonly rooms?: readonly RoomEntry[];
  readonly openRoom?: RoomRef | null;
  readonly onOpenRoom?: (room: RoomRef) => void;
  /** Room invitations waiting for an answer, shown above the rooms. */
  readonly invitations?: readonly InvitationEntry[];
  readonly onAcceptInvitation?: (entry: InvitationEntry) => void;
  readonly onDismissInvitation?: (entry: InvitationEntry) => Promise<string | null>;
}

/**
 * The left side of the window: new chat and search on top, every conversation of every account below, and at
 * the bottom each account with its connection and identity badge (trust-ux.md "Everywhere") and the settings.
 */
export function Sidebar(props: SidebarProps) {
  const { accounts, conversations, requests } = props;
  return (
    <aside className="sidebar" aria-label="Chats and accounts">
      <div className="sidebar__top">
        <h1 className="sidebar__brand">Hostproof</h1>
        <button type="button" className="button--primary sidebar__new" onClick={props.onStartChat} disabled={accounts.length === 0} title="Start a chat (Ctrl+N)">
          Start a chat
        </button>
      </div>
      <button type="button" className="sidebar__search" onClick={props.onQuickSwitch} disabled={accounts.length === 0} aria-keyshortcuts="Control+K">
        <span>Find a chat or contact…</span>
        <kbd>Ctrl K</kbd>
      </button>
      {requests > 0 ? (
        <button type="button" className="sidebar__requests" onClick={props.onStartChat} data-testid="pending-requests">
          {requests === 1 ? '1 person asks to see your presence' : `${requests} people ask to see your presence`}
        </button>
      ) : null}
      {[...props.conversationFailures].map(([accountId, message]) => (
        <p key={accountId} role="alert" className="error-text">
          Could not load the conversations of {props.accountLabel?.(accountId) ?? 'your account'}: {message}
        </p>
      ))}
      <nav className="sidebar__conversations" aria-label="Conversations">
        {props.invitations && props.onAcceptInvitation && props.onDismissInvitation ? (
          <InvitationCards invitations={props.invitations} nameOf={props.nameOf} accountLabel={props.accountLabel} onJoin={props.onAcceptInvitation} onDismiss={props.onDismissInvitation} />
        ) : null}
        {conversations.length > 0 || (props.rooms && props.rooms.length > 0) ? (
          <ConversationList
            conversations={conversations}
            open={props.open}
            onOpen={props.onOpen}
            nameOf={props.nameOf}
            accountLabel={props.accountLabel}
            now={props.now}
            rooms={props.rooms}
            openRoom={props.openRoom}
            onOpenRoom={props.onOpenRoom}
          />
        ) : (
          <SidebarEmpty hasAccounts={accounts.length > 0} onStartChat={props.onStartChat} />
        )}
      </nav>
      <nav className="sidebar__accounts" aria-label="Accounts">
        <div className="sidebar__account-list">
          <AccountList accounts={accounts} selected={props.selectedAccount} onSelect={props.onOpenAccount} onOpenSecurity={props.onOpenAccount} />
        </div>
        <button type="button" className="sidebar__settings" onClick={props.onSettings} aria-current={props.settingsOpen ? 'page' : undefined} aria-keyshortcuts="Control+,">
          Settings
        </button>
      </nav>
    </aside>
  );
}
