import { useEffect, useId, useState } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';
import type { Bookmark, RoomSummary } from '../../../app/domain/rooms.js';
import { useApi } from '../ApiContext.js';
import { Dialog } from '../common/Dialog.js';
import { request } from '../common/ipc.js';
import { TextField } from '../common/TextField.js';
import { CreateRoomForm } from './CreateRoomForm.js';
import { defaultNick, roomAddress } from './join-address.js';
import { RememberedRooms } from './RememberedRooms.js';
import { NOT_REMEMBERED, RememberFields, type RememberChoice } from './RememberFields.js';
import { rememberRoom } from './remember-room.js';
import { RoomSearch } from './RoomSearch.js';
import { useBookmarks } from './use-bookmarks.js';
import './room-dialogs.css';

interface JoinRoomDialogProps {
  readonly accounts: readonly AccountView[];
  readonly accountId: AccountId;
  readonly onJoined: (summary: RoomSummary) => void;
  readonly onCancel: () => void;
  /** Whether the account is in that room now: remembered rooms it is in are not offered again. */
  readonly isJoined?: (accountId: AccountId, room: string) => boolean;
  /** Opens on "Create a room" rather than on joining. */
  readonly creating?: boolean;
  /** Filled in from an invitation (rooms: invitations). */
  readonly initialRoom?: string;
  readonly initialPassword?: string;
}

const notJoined = () => false;

/**
 * "Join a room": from which account (when there are several), the room (a name alone goes on the account's
 * room service), the nickname (the account's local part unless changed) and a password if the room has one.
 * A refusal is said in plain words; a taken nickname comes with a one-click other one.
 */
export function JoinRoomDialog({ accounts, accountId: firstAccount, onJoined, onCancel, isJoined = notJoined, creating = false, initialRoom = '', initialPassword = '' }: JoinRoomDialogProps) {
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
  const [mode, setMode] = useState<'join' | 'create'>(creating ? 'create' : 'join');
  const [remember, setRemember] = useState<RememberChoice>(NOT_REMEMBERED);
  // In the room, with something to say first (settings not applied, not remembered) before it opens.
  const [done, setDone] = useState<{ readonly summary: RoomSummary; readonly note: string } | null>(null);
  const { bookmarks } = useBookmarks(api, accountId);
  const remembered = bookmarks.filter((b) => !isJoined(accountId, b.room));
  const finish = (summary: RoomSummary, note: string | null) => (note === null ? onJoined(summary) : setDone({ summary, note }));
  useEffect(() => {
    let live = true;
    void request(() => api.listRoomServices({ accountId })).then((result) => {
      if (live && result.ok) setFound({ accountId, service: result.value[0] ?? null });
    });
    return () => {
      live = false;
    };
  }, [api, accountId]);
  const join = async (target: { readonly room: string; readonly nick: string; readonly password: string }, choice: RememberChoice, name: string | null = null) => {
    setBusy(true);
    setError(null);
    setSuggestion(null);
    const result = await request(() => api.joinRoom({ accountId, room: target.room, nick: target.nick, ...(target.password === '' ? {} : { password: target.password }) }));
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      setSuggestion(result.details?.suggestedNick ?? null);
      return;
    }
    const summary = result.value;
    const note = await rememberRoom(api, choice, { accountId, room: summary.room, name, nick: summary.nick, password: target.password === '' ? null : target.password });
    setBusy(false);
    finish(summary, note);
  };
  const joinRemembered = (b: Bookmark) => void join({ room: b.room, nick: b.nick ?? nick.trim(), password: b.password ?? '' }, NOT_REMEMBERED);
  if (done) {
    return (
      <Dialog title="You are in the room" onCancel={() => onJoined(done.summary)} testId="join-room-dialog">
        <p role="status" data-testid="room-done-note">
          {done.note}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button--primary" data-autofocus onClick={() => onJoined(done.summary)}>
            Open the room
          </button>
        </div>
      </Dialog>
    );
  }
  if (mode === 'create') {
    return (
      <Dialog title="Create a room" onCancel={onCancel} testId="create-room-dialog">
        <CreateRoomForm accountId={accountId} service={service} initialNick={nick} onDone={finish} onBack={() => setMode('join')} />
      </Dialog>
    );
  }
  return (
    <Dialog title="Join a room" onCancel={onCancel} testId="join-room-dialog">
      <RememberedRooms bookmarks={remembered} busy={busy} onJoin={joinRemembered} />
      <RoomSearch accountId={accountId} service={service} onPick={setRoom} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void join({ room: roomAddress(room, service), nick: nick.trim(), password }, remember);
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
        <RememberFields value={remember} onChange={setRemember} />
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
          <button type="button" className="dialog__action--start" onClick={() => setMode('create')} data-testid="create-room-instead">
            Create a room…
          </button>
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
