/**
 * issue 14: files. Sending one file at a time from a conversation, chosen in main's own dialog ("Send a
 * file…") or dropped on the conversation: the transfer's progress, Cancel, and what happened in plain words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { MAX_FILE_BYTES, type SendFileOutcome } from '../../../app/domain/files.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';

export interface FileSending {
  /** The running transfer's id, or null. */
  readonly running: string | null;
  /** Percent sent so far, null until the upload has started. */
  readonly percent: number | null;
  readonly note: string | null;
  /** Main opens its file dialog and sends what is chosen. */
  pick(): void;
  /** Sends a file dropped on the conversation (read here; main checks its size against the server's limit). */
  drop(file: File): void;
  cancel(): void;
}

/** What `request` answers for a send: the outcome, or why not in words. */
type Sent = { readonly ok: true; readonly value: SendFileOutcome } | { readonly ok: false; readonly message: string };

export function useFileSending(accountId: string, peer: string, onSent: (message: ChatMessage) => void): FileSending {
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

  const run = useCallback(
    async (send: (transferId: string) => Promise<Sent>) => {
      if (current.current !== null) {
        setNote('One file at a time: wait for this one, or cancel it.');
        return;
      }
      const transferId = crypto.randomUUID();
      current.current = transferId;
      setRunning(transferId);
      setPercent(null);
      setNote(null);
      const result = await send(transferId);
      current.current = null;
      setRunning(null);
      if (!result.ok) setNote(`The file was not sent: ${result.message}`);
      else if (result.value.kind === 'sent') onSent(result.value.message);
      else if (result.value.kind === 'cancelled') setNote('Sending the file was cancelled.');
    },
    [onSent],
  );

  const pick = useCallback(() => void run((transferId) => request(() => api.sendFile({ accountId, to: peer, transferId }))), [api, accountId, peer, run]);

  const drop = useCallback(
    (file: File) => {
      // Not read at all past the hard limit: main would refuse it, and reading it would hold it all in memory.
      if (file.size > MAX_FILE_BYTES) {
        setNote(`The file was not sent: "${file.name}" is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB.`);
        return;
      }
      if (file.size === 0) {
        setNote(`The file was not sent: "${file.name}" is empty (or a folder).`);
        return;
      }
      void run(async (transferId) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        return request(() => api.sendDroppedFile({ accountId, to: peer, transferId, name: file.name, bytes }));
      });
    },
    [api, accountId, peer, run],
  );

  const cancel = useCallback(() => {
    if (current.current !== null) void api.cancelFileTransfer({ transferId: current.current });
  }, [api]);

  return { running, percent, note, pick, drop, cancel };
}
