import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';

interface RemoveAccountDialogProps {
  readonly jid: string;
  readonly busy: boolean;
  readonly error: string | null;
  /** `deleteHistory`: also delete the account's messages from this computer. */
  readonly onRemove: (deleteHistory: boolean) => void;
  readonly onCancel: () => void;
}

/**
 * "Remove this account?", and what becomes of its message history on this computer: deleted with it (the
 * account is gone, so that is the main choice), or kept. Cancel is the default and has focus.
 */
export function RemoveAccountDialog({ jid, busy, error, onRemove, onCancel }: RemoveAccountDialogProps) {
  return (
    <Dialog
      title={
        <>
          Remove <bdi>{jid}</bdi>?
        </>
      }
      description={
        <>
          <p>
            Hostproof will disconnect and forget this account and its stored password. Your account on the server is not deleted;
            you can add it again later.
          </p>
          <p>Its message history on this computer is deleted too, unless you keep it.</p>
        </>
      }
      tone="warning"
      onCancel={onCancel}
      testId="remove-account-confirm"
    >
      <ErrorText message={error} />
      <div className="dialog__actions">
        <button type="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" onClick={() => onRemove(false)} disabled={busy}>
          Remove, keep history
        </button>
        <button type="button" className="button--danger" onClick={() => onRemove(true)} disabled={busy}>
          Remove account and history
        </button>
      </div>
    </Dialog>
  );
}
