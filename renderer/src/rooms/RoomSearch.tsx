import { useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { TextField } from '../common/TextField.js';
import { filterRooms } from './room-search.js';
import { roomName } from './rooms-reducer.js';
import { usePublicRooms } from './use-public-rooms.js';

interface RoomSearchProps {
  readonly accountId: AccountId;
  /** The room service whose public rooms are searched (null: none known, nothing shown). */
  readonly service: string | null;
  readonly onPick: (room: string) => void;
}

/**
 * "Find a room": the public rooms of the account's room service, filtered as one types (by name or address).
 * Picking one fills the room field; names came from the network and are shown as text.
 */
export function RoomSearch({ accountId, service, onPick }: RoomSearchProps) {
  const api = useApi();
  const [typed, setTyped] = useState('');
  const listed = usePublicRooms(api, accountId, service);
  if (service === null || listed.status === 'none') return null;
  const shown = listed.status === 'ready' ? filterRooms(listed.rooms, typed) : [];
  return (
    <div className="room-search" data-testid="room-search">
      <TextField
        label="Find a room"
        type="search"
        value={typed}
        onChange={setTyped}
        autoComplete="off"
        hint={listed.status === 'ready' ? `${listed.rooms.length === 1 ? '1 public room' : `${listed.rooms.length} public rooms`} on ${service}. Type to filter by name or address.` : undefined}
      />
      {listed.status === 'loading' ? <p className="note">Looking for rooms on {service}…</p> : null}
      {listed.status === 'failed' ? <p className="note">Could not list the rooms: {listed.message}</p> : null}
      {listed.status === 'ready' && shown.length === 0 ? <p className="note">{listed.rooms.length === 0 ? 'This service lists no public rooms.' : 'No room matches.'}</p> : null}
      {shown.length > 0 ? (
        <ul className="room-search__list" aria-label="Public rooms" data-testid="room-search-results">
          {shown.map((r) => (
            <li key={r.room}>
              <button type="button" className="room-search__pick" onClick={() => onPick(r.room)}>
                <bdi className="room-search__name">{roomName(r.room, r.name)}</bdi>
                <bdi className="note room-search__address">{r.room}</bdi>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
