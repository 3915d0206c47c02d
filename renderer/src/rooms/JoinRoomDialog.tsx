import { useEffect, useId, useState } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';
import type { RoomSummary } from '../../../app/domain/rooms.js';
import { useApi } from '../ApiContext.js';
import { Dialog } from '../common/Dialog.js';
import { request } from '../common/ipc.js';
import { TextField } from '../common/TextField.js';
import { defaultNick, roomAddress } from './join-address.js';

interface JoinRoomDialogProps {
  readonly accounts: readonly AccountView[];
  readonly accountId: AccountId;
  readonly onJoined: (summary: RoomSummary) => void;
  readonly onCancel: () => void;
  /** Filled in from an invitation (rooms: invitations). */
  readonly initialRoom?: string;
  readonly initialPassword?: string;
}

/**
 * "Join a room": from which account (when there are several), the room (a name alone goes on the account's
 * room service), the nickname (the account's local part unless changed) and a password if the room has one.
 * A refusal is said in plain words; a taken nickname comes with a one-click other one.
 */
export function JoinRoomDialog({ accounts, accountId: firstAccount, onJoined, onCancel, initialRoom = '', initialPassword = '' }: JoinRoomDialogProps) {
  const api = useApi();
  const selectId = useId();
  const [accountId, setAccountId] = useState(firstAccount);
  const jid = accounts.find((a) => a.settings.id === accountId)?.settings.jid ?? '';
  const [room, setRoom] = useState(initialRoom);
  const [nick, setNick] = useState(defaultNick(jid));
  const [password, setPassword] = useState(initialPassword);
  // The room service found for an account; kept with the account it belongs to, so a change of account drops it.
  const [found, setFound] = useState<{ readonly accountId: AccountId; readonly service: string | null } | null>(null);
  const service = found?.accountId === accountId ? found.service : null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // For a taken nickname: the room's likely alternative, a typed field of the failure (offered in one click).
  const [suggestion, setSuggestion] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void request(() => api.listRoomServices({ accountId })).then((result) => {
      if (live && result.ok) setFound({ accountId, service: result.value[0] ?? null });
    });
    return () => {
      live = false;
    };
  }, [api, accountId]);
  const join = async () => {
    setBusy(true);
    setError(null);
    setSuggestion(null);
    const address = roomAddress(room, service);
    const result = await request(() => api.joinRoom({ accountId, room: address, nick: nick.trim(), ...(password === '' ? {} : { password }) }));
    setBusy(false);
    if (result.ok) onJoined(result.value);
    else {
      setError(result.message);
      setSuggestion(result.details?.suggestedNick ?? null);
    }
  };
  return (
    <Dialog title="Join a room" onCancel={onCancel} testId="join-room-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void join();
        }}
      >
        {accounts.length > 1 ? (
          <div className="field">
            <label htmlFor={selectId}>From account</label>
            <select
              id={selectId}
              value={accountId}
              onChange={(e) => {
                setAccountId(e.target.value);
                setNick(defaultNick(accounts.find((a) => a.settings.id === e.target.value)?.settings.jid ?? ''));
              }}
            >
              {accounts.map((a) => (
                <option key={a.settings.id} value={a.settings.id}>
                  {a.settings.jid}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <TextField
          label="Room"
          value={room}
          onChange={setRoom}
          data-autofocus
          required
          hint={service ? `A name alone joins it on ${service}; or write a full room address.` : 'The room address, like team@rooms.example.org.'}
        />
        <TextField label="Your nickname in the room" value={nick} onChange={setNick} required maxLength={1023} />
        <TextField label="Room password (if it has one)" type="password" value={password} onChange={setPassword} autoComplete="off" />
        {error ? (
          <div role="alert" className="error-text" data-testid="join-room-error">
            <p>{error}</p>
            {suggestion ? (
              <button type="button" className="button--small" onClick={() => setNick(suggestion)} data-testid="use-suggested-nick">
                Use “{suggestion}”
              </button>
            ) : null}
          </div>
        ) : null}
        <div className="dialog__actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={busy || room.trim() === '' || nick.trim() === ''}>
            {busy ? 'Joining…' : 'Join'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
