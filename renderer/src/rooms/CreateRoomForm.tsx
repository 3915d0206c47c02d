import { useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { RoomConfig, RoomSummary } from '../../../app/domain/rooms.js';
import { MAX_ROOM_DESCRIPTION_CHARS, MAX_ROOM_NAME_CHARS } from '../../../app/domain/rooms.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { CheckboxField, TextField } from '../common/TextField.js';
import { RememberFields, NOT_REMEMBERED, type RememberChoice } from './RememberFields.js';
import { rememberRoom } from './remember-room.js';
import { localPartFromName, notAppliedText } from './room-search.js';

interface CreateRoomFormProps {
  readonly accountId: AccountId;
  /** The account's room service: the address's domain unless one is written in full. */
  readonly service: string | null;
  readonly initialNick: string;
  /** Made and joined; `note` says what did not go as chosen (settings not offered, not remembered). */
  readonly onDone: (summary: RoomSummary, note: string | null) => void;
  readonly onBack: () => void;
}

const SETTINGS_DEFAULT = { public: true, membersOnly: false, moderated: false, persistent: true };

/**
 * "Create a room": a name, an address made from it (editable), a description, who may come in and speak,
 * whether it is listed and kept, and a password. A room that exists already is refused by the main process.
 */
export function CreateRoomForm({ accountId, service, initialNick, onDone, onBack }: CreateRoomFormProps) {
  const api = useApi();
  const [name, setName] = useState('');
  // The address follows the name until the person writes their own.
  const [address, setAddress] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [nick, setNick] = useState(initialNick);
  const [password, setPassword] = useState('');
  const [settings, setSettings] = useState(SETTINGS_DEFAULT);
  const [remember, setRemember] = useState<RememberChoice>(NOT_REMEMBERED);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const derived = localPartFromName(name);
  const shownAddress = address ?? (derived === '' ? '' : service === null ? derived : `${derived}@${service}`);
  const room = shownAddress.includes('@') || service === null ? shownAddress.trim() : `${shownAddress.trim()}@${service}`;
  const set = (key: keyof typeof SETTINGS_DEFAULT) => (on: boolean) => setSettings((s) => ({ ...s, [key]: on }));

  const create = async () => {
    setBusy(true);
    setError(null);
    const config: RoomConfig = { name: name.trim() || null, description: description.trim() || null, password: password === '' ? null : password, ...settings };
    const result = await request(() => api.createRoom({ accountId, room, nick: nick.trim(), config }));
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      return;
    }
    const notRemembered = await rememberRoom(api, remember, { accountId, room: result.value.summary.room, name: config.name, nick: result.value.summary.nick, password: config.password });
    setBusy(false);
    const notes = [notAppliedText(result.value.notApplied), notRemembered].filter((n): n is string => n !== null);
    onDone(result.value.summary, notes.length === 0 ? null : notes.join(' '));
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
      data-testid="create-room-form"
    >
      <TextField label="Room name" value={name} onChange={setName} data-autofocus required maxLength={MAX_ROOM_NAME_CHARS} />
      <TextField
        label="Room address"
        value={shownAddress}
        onChange={setAddress}
        required
        hint={service ? `Made from the name on ${service}; you can change it.` : 'The room address, like team@rooms.example.org.'}
      />
      <TextField label="Description (optional)" value={description} onChange={setDescription} maxLength={MAX_ROOM_DESCRIPTION_CHARS} />
      <TextField label="Your nickname in the room" value={nick} onChange={setNick} required maxLength={1023} />
      <fieldset className="create-room__settings">
        <legend>Who can find, join and write</legend>
        <CheckboxField label="Public: listed in room search" checked={settings.public} onChange={set('public')} />
        <CheckboxField label="Members only" checked={settings.membersOnly} onChange={set('membersOnly')} hint="Only people the owners add can join." />
        <CheckboxField label="Moderated" checked={settings.moderated} onChange={set('moderated')} hint="Newcomers can read; only people given a voice can write." />
        <CheckboxField label="Keep the room when everyone has left" checked={settings.persistent} onChange={set('persistent')} />
      </fieldset>
      <TextField label="Room password (optional)" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
      <RememberFields value={remember} onChange={setRemember} />
      {error ? (
        <p role="alert" className="error-text" data-testid="create-room-error">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="button--primary" disabled={busy || room === '' || nick.trim() === ''}>
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
    </form>
  );
}
