import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationExport, ExportFormat } from '../../../app/domain/history-control.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { DeleteHistoryDialog } from './DeleteHistoryDialog.js';
import { ExportReadyDialog } from './ExportReadyDialog.js';
import './history-control.css';

interface ConversationHistoryMenuProps {
  readonly accountId: string;
  readonly peer: string;
  readonly name: string;
  readonly serverKeepsArchive: boolean | null;
  /** The conversation's history is gone from this computer: it leaves the list. */
  readonly onDeleted: () => void;
}

type Open = { readonly kind: 'none' } | { readonly kind: 'delete' } | { readonly kind: 'exported'; readonly exported: ConversationExport };

/**
 * What the person can do with the conversation's history on this computer: export it (JSON or plain text) or
 * delete it. A disclosure button with the choices below it; the deletion is confirmed in a dialog.
 */
export function ConversationHistoryMenu({ accountId, peer, name, serverKeepsArchive, onDeleted }: ConversationHistoryMenuProps) {
  const api = useApi();
  const id = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setExpanded(false);
    toggle.current?.focus();
  };
  const exportAs = async (format: ExportFormat) => {
    setExpanded(false);
    setBusy(true);
    setError(null);
    const result = await request(() => api.exportConversation({ accountId, peer, format }));
    setBusy(false);
    if (result.ok) setOpen({ kind: 'exported', exported: result.value });
    else setError(`Could not export: ${result.message}`);
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await request(() => api.deleteConversationHistory({ accountId, peer }));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setOpen({ kind: 'none' });
    onDeleted();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && expanded) {
      event.stopPropagation();
      close();
    }
  };

  return (
    <div
      className="history-menu"
      onKeyDown={onKeyDown}
      // Focus (or a click) going elsewhere closes the choices, as a menu would.
      onBlur={(event) => {
        if (expanded && !event.currentTarget.contains(event.relatedTarget as Node | null)) setExpanded(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="history-menu__toggle"
        aria-expanded={expanded}
        aria-controls={`${id}-choices`}
        onClick={() => setExpanded((e) => !e)}
        disabled={busy}
      >
        History <span aria-hidden="true">▾</span>
      </button>
      {expanded ? (
        <div id={`${id}-choices`} className="history-menu__choices" role="group" aria-label="This conversation’s history">
          <button type="button" onClick={() => void exportAs('json')}>
            Export as JSON
          </button>
          <button type="button" onClick={() => void exportAs('text')}>
            Export as text
          </button>
          <button
            type="button"
            className="button--danger"
            onClick={() => {
              setExpanded(false);
              setError(null);
              setOpen({ kind: 'delete' });
            }}
          >
            Delete history…
          </button>
        </div>
      ) : null}
      {error && open.kind === 'none' ? (
        <p role="alert" className="error-text history-menu__error">
          {error}
        </p>
      ) : null}
      {open.kind === 'delete' ? (
        <DeleteHistoryDialog
          name={name}
          serverKeepsArchive={serverKeepsArchive}
          busy={busy}
          error={error}
          onConfirm={() => void remove()}
          onCancel={() => setOpen({ kind: 'none' })}
        />
      ) : null}
      {open.kind === 'exported' ? <ExportReadyDialog exported={open.exported} onClose={() => setOpen({ kind: 'none' })} /> : null}
    </div>
  );
}
