import { useState, type FormEvent } from 'react';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { TextField } from '../common/TextField.js';
import { jidProblem } from '../accounts/account-form.js';

/** Asks to add a contact (and to see their presence): address, optional name and group. */
export function AddContactForm({ accountId, onDone }: { readonly accountId: string; readonly onDone: () => void }) {
  const api = useApi();
  const [jid, setJid] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = jidProblem(jid, 'their');
    setError(problem ?? undefined);
    if (problem) return;
    const result = await request(() =>
      api.addContact({
        accountId,
        jid: jid.trim(),
        ...(name.trim() === '' ? {} : { name: name.trim() }),
        ...(group.trim() === '' ? {} : { groups: [group.trim()] }),
      }),
    );
    if (result.ok) onDone();
    else setFailure(result.message);
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a contact" data-testid="add-contact-form">
      <TextField label="Contact's address" value={jid} onChange={setJid} error={error} spellCheck={false} placeholder="bob@example.org" />
      <TextField label="Name (optional)" value={name} onChange={setName} />
      <TextField label="Group (optional)" value={group} onChange={setGroup} />
      {failure ? <p role="alert">{failure}</p> : null}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button--primary">
          Add contact
        </button>
      </div>
    </form>
  );
}
