/**
 * issue 14: files. "Send a file": main shows its own file dialog (the window never names a path), checks the
 * size against the server's limit, uploads (XEP-0363) and sends the link. Progress and Cancel while it runs.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import './shared-file.css';

export function SendFileButton({ accountId, peer, onSent }: { readonly accountId: string; readonly peer: string; readonly onSent: (message: ChatMessage) => void }) {
  const api = useApi();
  const [running, setRunning] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('fileTransferProgress', (p) => {
        if (p.transferId === current.current && p.total > 0) setPercent(Math.floor((p.sent / p.total) * 100));
      }),
    [api],
  );

  const send = async () => {
    const transferId = crypto.randomUUID();
    current.current = transferId;
    setRunning(transferId);
    setPercent(null);
    setNote(null);
    const result = await request(() => api.sendFile({ accountId, to: peer, transferId }));
    current.current = null;
    setRunning(null);
    if (!result.ok) setNote(`The file was not sent: ${result.message}`);
    else if (result.value.kind === 'sent') onSent(result.value.message);
    else if (result.value.kind === 'cancelled') setNote('Sending the file was cancelled.');
  };

  return (
    <div className="send-file" data-testid="send-file">
      {running === null ? (
        <button type="button" onClick={() => void send()} data-testid="send-file-button">
          Send a file…
        </button>
      ) : (
        <>
          <span role="status" className="note">
            {percent === null ? 'Preparing the file…' : `Sending the file… ${percent}%`}
          </span>{' '}
          <button type="button" className="button--small" onClick={() => void api.cancelFileTransfer({ transferId: running })}>
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
