import { useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { inviterName, type InvitationEntry } from './invitations-reducer.js';
import './invitations.css';

interface InvitationCardsProps {
  readonly invitations: readonly InvitationEntry[];
  readonly nameOf: (accountId: AccountId, address: string) => string;
  readonly accountLabel: ((accountId: AccountId) => string) | null;
  /** Opens "Join a room" filled in with the room (and its password): joining stays the user's click. */
  readonly onJoin: (entry: InvitationEntry) => void;
  /** Declines it; answers why not, or null. */
  readonly onDismiss: (entry: InvitationEntry) => Promise<string | null>;
}

/**
 * Room invitations waiting for an answer, above the room rows: a request like a contact's, never a room we
 * are in. Everything on a card came from the network and is shown as text.
 */
export function InvitationCards({ invitations, nameOf, accountLabel, onJoin, onDismiss }: InvitationCardsProps) {
  if (invitations.length === 0) return null;
  return (
    <ul className="invitation-cards" aria-label="Room invitations" data-testid="room-invitations">
      {invitations.map((entry) => (
        <li key={`${entry.accountId}\n${entry.invitation.id}`}>
          <InvitationCard entry={entry} who={inviterName(entry, nameOf)} account={accountLabel ? accountLabel(entry.accountId) : null} onJoin={onJoin} onDismiss={onDismiss} />
        </li>
      ))}
    </ul>
  );
}

interface InvitationCardProps {
  readonly entry: InvitationEntry;
  readonly who: string;
  readonly account: string | null;
  readonly onJoin: (entry: InvitationEntry) => void;
  readonly onDismiss: (entry: InvitationEntry) => Promise<string | null>;
}

function InvitationCard({ entry, who, account, onJoin, onDismiss }: InvitationCardProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { room, reason } = entry.invitation;
  const dismiss = async () => {
    setBusy(true);
    const failure = await onDismiss(entry);
    // A card that is gone is not updated: only a failure leaves it here.
    if (failure !== null) {
      setBusy(false);
      setError(failure);
    }
  };
  return (
    <div className="invitation-card" data-testid="room-invitation" data-room={room}>
      <p className="invitation-card__text">
        <bdi className="invitation-card__who">{who}</bdi> invited you to <bdi className="invitation-card__room">{room}</bdi>
        {reason ? (
          <>
            {' — '}
            <bdi data-testid="invitation-reason">{reason}</bdi>
          </>
        ) : null}
      </p>
      {account ? <bdi className="conversation__account">{account}</bdi> : null}
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="invitation-card__actions">
        <button type="button" className="button--small button--primary" onClick={() => onJoin(entry)} data-testid="accept-invitation">
          Join…
        </button>
        <button type="button" className="button--small" onClick={() => void dismiss()} disabled={busy} data-testid="dismiss-invitation">
          Dismiss
        </button>
      </div>
    </div>
  );
}
