import { useState, type FormEvent } from 'react';
import type { RosterItem } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { Dialog } from '../common/Dialog.js';
import { request } from '../common/ipc.js';
import { TextField } from '../common/TextField.js';

interface RenameContactDialogProps {
  readonly accountId: string;
  readonly item: RosterItem;
  readonly onClose: () => void;
}

/** Name and groups of a contact; groups are typed comma-separated. */
export function RenameContactDialog({ accountId, item, onClose }: RenameContactDialogProps) {
  const api = useApi();
  const [name, setName] = useState(item.name ?? '');
  const [groups, setGroups] = useState(item.groups.join(', '));
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const groupList = [...new Set(groups.split(',').map((g) => g.trim()).filter((g) => g !== ''))];
    const result = await request(() =>
      api.updateContact({ accountId, jid: item.jid, name: name.trim() === '' ? null : name.trim(), groups: groupList }),
    );
    if (result.ok) onClose();
    else setFailure(result.message);
  };

  return (
    <Dialog title={`Rename ${item.jid}`} onCancel={onClose} testId="rename-contact-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Name" value={name} onChange={setName} data-autofocus />
        <TextField label="Groups" hint="Separate groups with commas." value={groups} onChange={setGroups} />
        {failure ? <p role="alert">{failure}</p> : null}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button--primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
