import type { ReactNode } from 'react';
import { Dialog } from './Dialog.js';
import { ErrorText } from './ErrorText.js';

interface ConfirmDialogProps {
  readonly title: ReactNode;
  readonly description: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  readonly error?: string | null;
  readonly testId?: string;
}

/** "Are you sure?" for destructive actions. Cancel is the default and has focus. */
export function ConfirmDialog({ title, description, confirmLabel, onConfirm, onCancel, busy = false, error = null, testId }: ConfirmDialogProps) {
  return (
    <Dialog title={title} description={description} tone="warning" onCancel={onCancel} testId={testId}>
      <ErrorText message={error} />
      <div className="dialog__actions">
        <button type="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button--danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
