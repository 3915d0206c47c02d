import { ConfirmDialog } from '../common/ConfirmDialog.js';

interface DeleteHistoryDialogProps {
  readonly name: string;
  /** Whether the account's server keeps an archive (null: not known), which decides what can come back. */
  readonly serverKeepsArchive: boolean | null;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** "Delete history…" of one conversation: what goes (this computer's copy) and what may come back (the archive's). */
export function DeleteHistoryDialog({ name, serverKeepsArchive, busy, error, onConfirm, onCancel }: DeleteHistoryDialogProps) {
  return (
    <ConfirmDialog
      title={
        <>
          Delete the history with <bdi>{name}</bdi>?
        </>
      }
      description={
        <>
          <p>
            Every message of this conversation is deleted from this computer. <bdi>{name}</bdi> keeps their own copy.
          </p>
          {serverKeepsArchive === false ? (
            <p>Your server keeps no message archive, so these messages cannot be brought back.</p>
          ) : (
            <p>
              Only this computer’s copy is deleted. Your server may still keep these messages in its archive: if you open
              this chat again and scroll up, they can come back from there.
            </p>
          )}
        </>
      }
      confirmLabel="Delete history"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="delete-history-confirm"
    />
  );
}
