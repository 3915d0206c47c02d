import { useEffect, useMemo } from 'react';
import type { ConversationExport } from '../../../app/domain/history-control.js';
import { CopyButton } from '../common/CopyButton.js';
import { Dialog } from '../common/Dialog.js';
import { fileUrl } from '../common/save-file.js';

/** The exported conversation, offered for saving; where no download link can be made, the text to copy. */
export function ExportReadyDialog({ exported, onClose }: { readonly exported: ConversationExport; readonly onClose: () => void }) {
  const href = useMemo(() => fileUrl(exported.content, exported.mimeType), [exported]);
  useEffect(
    () => () => {
      if (href) URL.revokeObjectURL(href);
    },
    [href],
  );
  const kind = exported.mimeType === 'application/json' ? 'JSON' : 'plain text';
  return (
    <Dialog
      title="Conversation exported"
      description={
        <p>
          {exported.messages} {exported.messages === 1 ? 'message' : 'messages'} from this computer, as {kind}.
          {exported.complete ? '' : ' The conversation is longer than one export holds: the newest messages are in it.'}
        </p>
      }
      onCancel={onClose}
      testId="export-ready"
    >
      {href ? null : (
        <div className="export__text">
          <label>
            {exported.fileName}
            <textarea readOnly value={exported.content} rows={10} spellCheck={false} data-testid="export-text" />
          </label>
          <CopyButton text={exported.content} label="Copy the exported conversation" />
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        {href ? (
          <a className="button-like button--primary" href={href} download={exported.fileName} data-autofocus data-testid="export-download">
            Save {exported.fileName}
          </a>
        ) : null}
      </div>
    </Dialog>
  );
}
