import { useId } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';
import { ContactsView } from './ContactsView.js';

interface StartChatProps {
  readonly accounts: readonly AccountView[];
  readonly accountId: AccountId;
  readonly onAccount: (accountId: AccountId) => void;
  readonly onOpenChat: (accountId: AccountId, peer: string) => void;
  /** Opens "Join a room" from this account. */
  readonly onJoinRoom?: (accountId: AccountId) => void;
  readonly onClose: () => void;
}

/**
 * "Start a chat": search the contacts of one account (chosen here when there are several), add a new one,
 * answer requests, or open a chat. Contacts live here rather than in a tab of their own: people come to chat.
 */
export function StartChat({ accounts, accountId, onAccount, onOpenChat, onJoinRoom, onClose }: StartChatProps) {
  const selectId = useId();
  return (
    <section className="start-chat" aria-labelledby={`${selectId}-title`} data-testid="start-chat">
      <header className="pane-header">
        <h2 id={`${selectId}-title`} className="pane-header__title">
          Start a chat
        </h2>
        {accounts.length > 1 ? (
          <span className="start-chat__account">
            <label htmlFor={selectId}>From account</label>{' '}
            <select id={selectId} value={accountId} onChange={(e) => onAccount(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.settings.id} value={a.settings.id}>
                  {a.settings.jid}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        {onJoinRoom ? (
          <button type="button" className="button--small" onClick={() => onJoinRoom(accountId)} aria-keyshortcuts="Control+J" title="Join a room (Ctrl+J)" data-testid="open-join-room">
            Join a room
          </button>
        ) : null}
        <button type="button" className="pane-header__close" onClick={onClose} aria-label="Close Start a chat" title="Close (Esc)">
          ✕
        </button>
      </header>
      <ContactsView key={accountId} accountId={accountId} onOpenChat={(peer) => onOpenChat(accountId, peer)} />
    </section>
  );
}
