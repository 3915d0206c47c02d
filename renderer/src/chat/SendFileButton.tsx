/**
 * issue 14: files. "Send a file": main shows its own file dialog (the window never names a path), checks the
 * size against the server's limit, uploads (XEP-0363) and sends the link. Progress and Cancel while it runs,
 * for a dropped file too (use-file-sending.ts).
 */
import type { FileSending } from './use-file-sending.js';
import './shared-file.css';

export function SendFileButton({ sending }: { readonly sending: FileSending }) {
  const { running, percent, note } = sending;
  return (
    <div className="send-file" data-testid="send-file">
      {running === null ? (
        <button type="button" onClick={sending.pick} data-testid="send-file-button" title="Or drop a file on the conversation">
          Send a file…
        </button>
      ) : (
        <>
          <span role="status" className="note">
            {percent === null ? 'Preparing the file…' : `Sending the file… ${percent}%`}
          </span>{' '}
          <button type="button" className="button--small" onClick={sending.cancel}>
            Cancel
          </button>
        </>
      )}
      {note ? (
        <p role="status" className="note" data-testid="send-file-note">
          {note}
        </p>
      ) : null}
    </div>
  );
}
