import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import type { PresenceChoice } from '../../../app/domain/chat.js';
import { SHOW_TEXT } from './presence-text.js';

const CHOICES: readonly PresenceChoice[] = ['online', 'chat', 'away', 'xa', 'dnd', 'offline'];

/** The account's own presence and status message. */
export function PresenceSelector({ accountId }: { readonly accountId: string }) {
  const api = useApi();
  const id = useId();
  const [show, setShow] = useState<PresenceChoice>('online');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event?: FormEvent, nextShow: PresenceChoice = show) => {
    event?.preventDefault();
    setFailure(null);
    const result = await request(() => api.setPresence({ accountId, show: nextShow, status: status.trim() === '' ? null : status.trim() }));
    if (!result.ok) setFailure(result.message);
  };

  return (
    <form className="presence-selector" onSubmit={(e) => void submit(e)} aria-label="Set your presence" data-testid="presence-selector">
      <label htmlFor={`${id}-show`}>Your presence</label>
      <select
        id={`${id}-show`}
        value={show}
        onChange={(e) => {
          const next = e.target.value as PresenceChoice;
          setShow(next);
          void submit(undefined, next);
        }}
      >
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {SHOW_TEXT[c]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-status`}>Status message</label>
      <input id={`${id}-status`} value={status} maxLength={1024} onChange={(e) => setStatus(e.target.value)} placeholder="What are you up to?" />
      <button type="submit">Set</button>
      {failure ? <p role="alert">{failure}</p> : null}
    </form>
  );
}
