import { useId, useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { request } from '../common/ipc.js';

interface AccountHistoryProps {
  readonly account: AccountView;
  /** The history is gone from this computer: the account's conversations leave the list. */
  readonly onCleared: () => void;
}

/** The account's message history on this computer, and clearing all of it (confirmed). */
export function AccountHistory({ account, onCleared }: AccountHistoryProps) {
  const api = useApi();
  const id = useId();
  const { settings } = account;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const clear = async () => {
    setBusy(true);
    setError(null);
    const result = await request(() => api.clearAccountHistory({ accountId: settings.id }));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setConfirming(false);
    const { removed } = result.value;
    setDone(`Deleted ${removed} ${removed === 1 ? 'message' : 'messages'} from this computer.`);
    onCleared();
  };

  return (
    <section className="account-history" aria-labelledby={`${id}-title`} data-testid="account-history">
      <h3 id={`${id}-title`} className="section-title">
        History on this computer
      </h3>
      <p className="note">
        {account.serverKeepsArchive === false
          ? 'Your server keeps no message archive: the history of this account is only what this computer saved.'
          : 'Hostproof keeps the messages of this account on this computer, so they are there without a connection and can be searched.'}
      </p>
      <div className="toolbar">
        <button
          type="button"
          className="button--danger"
          onClick={() => {
            setDone(null);
            setConfirming(true);
          }}
        >
          Clear history…
        </button>
      </div>
      {done ? (
        <p role="status" className="note">
          {done}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={
            <>
              Clear all history of <bdi>{settings.jid}</bdi>?
            </>
          }
          description={
            <>
              <p>Every message of every conversation of this account is deleted from this computer. Your contacts keep their copies.</p>
              {account.serverKeepsArchive === false ? (
                <p>Your server keeps no message archive, so these messages cannot be brought back.</p>
              ) : (
                <p>
                  Only this computer’s copy is deleted. Your server may still keep messages in its archive: scrolling up in a chat
                  can bring them back from there.
                </p>
              )}
            </>
          }
          confirmLabel="Clear history"
          busy={busy}
          error={error}
          onConfirm={() => void clear()}
          onCancel={() => setConfirming(false)}
          testId="clear-history-confirm"
        />
      ) : null}
    </section>
  );
}
