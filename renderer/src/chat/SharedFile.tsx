/**
 * issue 14: files. A message that shares a file (XEP-0066 link): main loads it (never this window, whose CSP
 * forbids it) and answers with a picture as a data: URL it checked, or a file to save. Pictures load by
 * themselves as the setting in Preferences says; otherwise a "Load" button. Nothing here opens a file.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { SharedFileView } from '../../../app/domain/files.js';
import { useApi } from '../ApiContext.js';
import { Dialog } from '../common/Dialog.js';
import { request } from '../common/ipc.js';
import './shared-file.css';

type State = { readonly kind: 'loading' } | { readonly kind: 'error'; readonly message: string } | SharedFileView;

export const sizeText = (bytes: number): string =>
  bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Only a data: URL of a picture is ever put in an <img>: a remote address would not load (CSP) and must not. */
const isPictureDataUrl = (url: string): boolean => /^data:image\/(png|jpeg|gif|webp);base64,/.test(url);

export function SharedFile({ message, senderName }: { readonly message: ChatMessage; readonly senderName: string }) {
  const api = useApi();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [large, setLarge] = useState(false);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const target = { accountId: message.accountId, peer: message.peer, id: message.id };

  const ask = useCallback(
    async (auto: boolean): Promise<State> => {
      const result = await request(() => api.loadSharedFile({ accountId: message.accountId, peer: message.peer, id: message.id, auto }));
      return result.ok ? result.value : { kind: 'error', message: result.message };
    },
    [api, message.accountId, message.peer, message.id],
  );
  // Asked once by itself when shown: main applies the picture setting and may answer "not loaded".
  useEffect(() => {
    let gone = false;
    void ask(true).then((next) => {
      if (!gone) setState(next);
    });
    return () => {
      gone = true;
    };
  }, [ask]);
  const load = async (auto: boolean) => {
    setState({ kind: 'loading' });
    setState(await ask(auto));
  };

  const save = async () => {
    setSaveNote(null);
    const result = await request(() => api.saveSharedFile(target));
    setSaveNote(result.ok ? (result.value.saved ? 'Saved.' : null) : `Not saved: ${result.message}`);
  };
  const saveButton = (
    <button type="button" className="button--small" onClick={() => void save()} data-testid="shared-file-save">
      Save…
    </button>
  );

  return (
    <div className="shared-file" data-testid="shared-file" data-kind={state.kind}>
      {state.kind === 'loading' ? <p className="note">Loading the file…</p> : null}
      {state.kind === 'picture' && isPictureDataUrl(state.dataUrl) ? (
        <>
          <button type="button" className="shared-file__picture" onClick={() => setLarge(true)} aria-label={`Picture from ${senderName}, ${sizeText(state.bytes)}. Show it larger`}>
            <img src={state.dataUrl} alt="" data-testid="shared-picture" />
          </button>
          {large ? (
            <Dialog title={`Picture from ${senderName}`} onCancel={() => setLarge(false)} testId="picture-dialog">
              <img className="shared-file__large" src={state.dataUrl} alt={`Picture from ${senderName}`} />
              <div className="dialog__actions">
                {saveButton}
                <button type="button" data-autofocus onClick={() => setLarge(false)}>
                  Close
                </button>
              </div>
            </Dialog>
          ) : null}
        </>
      ) : null}
      {state.kind === 'file' ? (
        <p className="shared-file__line">
          <span className="shared-file__name">{state.name}</span> <span className="note">({sizeText(state.bytes)}, a file, not a picture)</span> {saveButton}
        </p>
      ) : null}
      {state.kind === 'too-large' ? (
        <p className="shared-file__line">
          <span className="shared-file__name">{state.name}</span> <span className="note">is larger than {sizeText(state.limit)}, so it was not loaded here.</span> {saveButton}
        </p>
      ) : null}
      {state.kind === 'not-loaded' ? (
        <p className="shared-file__line">
          <span className="shared-file__name">{state.name}</span> <span className="note">(not loaded: it comes from someone not in your contacts, or pictures do not load by themselves)</span>{' '}
          <button type="button" className="button--small" onClick={() => void load(false)} data-testid="shared-file-load">
            Load
          </button>
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p className="shared-file__line">
          <span className="error-text">{state.message}</span>{' '}
          <button type="button" className="button--small" onClick={() => void load(false)}>
            Try again
          </button>
        </p>
      ) : null}
      {saveNote ? (
        <p role="status" className="note">
          {saveNote}
        </p>
      ) : null}
    </div>
  );
}
