import type { ReactNode } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { ContactPresence } from '../../../app/domain/chat.js';
import { Avatar } from '../common/Avatar.js';
// issue 14: avatars
import { useAvatarPicture } from '../common/avatar-pictures.js';
import { AVATAR_PRESENCE, bestResource, SHOW_TEXT } from '../contacts/presence-text.js';
import { IdentityBadge } from '../trust/IdentityBadge.js';
// issue 15: OMEMO
import type { ConversationEncryption } from './conversation-encryption.js';
import { EncryptionBadge } from './EncryptionBadge.js';

interface ConversationHeaderProps {
  readonly name: string;
  readonly peer: string;
  readonly presence: ContactPresence | undefined;
  /** The account this conversation goes through: its identity badge says who runs the server it travels over. */
  readonly account: AccountView;
  /** The account's address is shown when the window has several accounts. */
  readonly showAccount: boolean;
  readonly onOpenSecurity: () => void;
  /** Opens the message search for this conversation (as Ctrl+F does). */
  readonly onSearch?: () => void;
  /** What can be done with the conversation (its history menu), at the header's end. */
  readonly actions?: ReactNode;
  /** issue 15: whether the conversation's newest messages were encrypted (conversation-encryption.ts); absent: not said. */
  readonly encryption?: ConversationEncryption;
  /** issue 15: the person's encryption choice for this conversation, shown under the badge. */
  readonly encryptionControl?: ReactNode;
}

/** Who the conversation is with (name, address, presence and status) and the identity of the server it goes through. */
export function ConversationHeader({ name, peer, presence, account, showAccount, onOpenSecurity, onSearch, actions, encryption, encryptionControl }: ConversationHeaderProps) {
  const best = bestResource(presence);
  const show = best?.show ?? 'offline';
  const picture = useAvatarPicture(account.settings.id, peer);
  return (
    <header className="conversation-header" data-testid="conversation-header">
      <Avatar name={name} address={peer} size="medium" presence={AVATAR_PRESENCE[show]} picture={picture} />
      <div className="conversation-header__who">
        <div className="conversation-header__title">
          <h2 className="conversation-header__name">
            <bdi>{name}</bdi>
          </h2>
          {encryption ? <EncryptionBadge state={encryption} /> : null}
        </div>
        <div className="conversation-header__detail-row">
          <p className="conversation-header__detail note">
            {name !== peer ? (
              <>
                <bdi>{peer}</bdi>
                {' · '}
              </>
            ) : null}
            <span data-testid="peer-presence">{SHOW_TEXT[show]}</span>
            {best?.status ? (
              <>
                {' — '}
                <bdi>{best.status}</bdi>
              </>
            ) : null}
          </p>
          {/* Just below the badge: the title row has no room left for it beside a long name in a narrow window. */}
          {encryptionControl}
        </div>
      </div>
      {onSearch ? (
        <button type="button" className="button--small" onClick={onSearch} aria-keyshortcuts="Control+F" title="Search this chat (Ctrl+F)" data-testid="search-conversation">
          Search
        </button>
      ) : null}
      <div className="conversation-header__account">
        {showAccount ? (
          <span className="note">
            via <bdi>{account.settings.jid}</bdi>
          </span>
        ) : null}
        <IdentityBadge verdict={account.lastVerdict} onOpen={onOpenSecurity} />
      </div>
      {actions}
    </header>
  );
}
