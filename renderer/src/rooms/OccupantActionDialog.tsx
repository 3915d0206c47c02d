import { useState } from 'react';
import { MAX_MODERATION_REASON_CHARS, MAX_NICK_CHARS } from '../../../app/domain/rooms.js';
import { Dialog } from '../common/Dialog.js';
import { TextField } from '../common/TextField.js';

/** What the dialog asks to confirm: taking someone out of the room, banning them, or our new nickname. */
export type OccupantAction = { readonly kind: 'kick' | 'ban'; readonly nick: string; readonly realJid: string | null } | { readonly kind: 'nick'; readonly nick: string };

interface OccupantActionDialogProps {
  readonly action: OccupantAction;
  /** Does it; answers null when done, else why not in plain words. */
  readonly onConfirm: (text: string) => Promise<string | null>;
  readonly onCancel: () => void;
}

const WORDS = {
  kick: { title: 'Remove from the room?', button: 'Remove', busy: 'Removing…' },
  ban: { title: 'Ban from the room?', button: 'Ban', busy: 'Banning…' },
  nick: { title: 'Change your nickname in this room', button: 'Change', busy: 'Changing…' },
} as const;

/**
 * The confirmation before a kick or a ban (with an optional reason the room shows to everyone), and the form
 * for our new nickname. Nothing happens until the person confirms; a refusal keeps the dialog open and says why.
 */
export function OccupantActionDialog({ action, onConfirm, onCancel }: OccupantActionDialogProps) {
  const [text, setText] = useState(action.kind === 'nick' ? action.nick : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const words = WORDS[action.kind];
  const confirm = async () => {
    setBusy(true);
    setError(null);
    const failure = await onConfirm(text.trim());
    setBusy(false);
    if (failure !== null) setError(failure);
  };
  const description =
    action.kind === 'kick' ? (
      <>
        <bdi>{action.nick}</bdi> will be taken out of the room. They can come back.
      </>
    ) : action.kind === 'ban' ? (
      <>
        <bdi>{action.nick}</bdi> will be taken out, and their account <bdi>{action.realJid}</bdi> cannot join this room again until an admin lifts the ban.
      </>
    ) : (
      'Everyone in the room sees the change.'
    );
  return (
    <Dialog title={words.title} description={description} tone={action.kind === 'nick' ? 'neutral' : 'danger'} onCancel={onCancel} testId="occupant-action-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        {action.kind === 'nick' ? (
          <TextField label="New nickname" value={text} onChange={setText} required maxLength={MAX_NICK_CHARS} data-autofocus />
        ) : (
          <TextField label="Reason (optional, everyone in the room sees it)" value={text} onChange={setText} maxLength={MAX_MODERATION_REASON_CHARS} />
        )}
        {error ? (
          <p role="alert" className="error-text">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" onClick={onCancel} data-autofocus={action.kind === 'nick' ? undefined : true}>
            Cancel
          </button>
          <button type="submit" className={action.kind === 'nick' ? 'button--primary' : 'button--danger'} disabled={busy || (action.kind === 'nick' && text.trim() === '')}>
            {busy ? words.busy : words.button}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
