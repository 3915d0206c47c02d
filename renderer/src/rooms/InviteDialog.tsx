import { useId, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { Dialog } from '../common/Dialog.js';
import { request } from '../common/ipc.js';
import { TextField } from '../common/TextField.js';
import './invitations.css';

interface InviteDialogProps {
  readonly accountId: AccountId;
  readonly room: string;
  /** The account's contacts, offered as the address is typed. */
  readonly contacts: readonly RosterItem[];
  readonly onDone: () => void;
  readonly onCancel: () => void;
}

/**
 * "Invite…" from a room: a contact's address (typed, or picked from the contacts as it is typed) and an
 * optional message. The main process chooses how it goes (through the room when we are its owner or admin).
 */
export function InviteDialog({ accountId, room, contacts, onDone, onCancel }: InviteDialogProps) {
  const api = useApi();
  const listId = useId();
  const [jid, setJid] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const invite = async () => {
    setBusy(true);
    setError(null);
    const text = reason.trim();
    const result = await request(() => api.inviteToRoom({ accountId, room, jid: jid.trim(), ...(text === '' ? {} : { reason: text }) }));
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.message);
  };
  return (
    <Dialog title="Invite someone" description={
        <>
          They get an invitation to <bdi>{room}</bdi>; joining stays their choice.
        </>
      } onCancel={onCancel} testId="invite-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void invite();
        }}
      >
        <TextField label="Their address" value={jid} onChange={setJid} list={listId} data-autofocus required autoComplete="off" hint="A contact's address, like bob@example.org." />
        <datalist id={listId}>
          {contacts.map((c) => (
            <option key={c.jid} value={c.jid}>
              {c.name ?? c.jid}
            </option>
          ))}
        </datalist>
        <TextField label="Message (optional)" value={reason} onChange={setReason} maxLength={500} />
        {error ? (
          <p role="alert" className="error-text" data-testid="invite-error">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={busy || jid.trim() === ''}>
            {busy ? 'Inviting…' : 'Invite'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
