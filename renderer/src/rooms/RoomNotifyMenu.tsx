import { useEffect, useId, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { DEFAULT_ROOM_NOTIFY, ROOM_NOTIFY_LEVELS, type RoomNotifyLevel } from '../../../app/domain/room-notify.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';

const LABELS: Readonly<Record<RoomNotifyLevel, string>> = {
  all: 'All messages',
  mentions: 'Mentions of me',
  none: 'Nothing',
};

/**
 * "Notify": how much this room may call for attention on the desktop. Read from the main process when the room
 * opens (its rooms not at the default, `listRoomNotify`), changed at once and saved; a refusal puts the choice
 * back and says why.
 */
export function RoomNotifyMenu({ accountId, room }: { readonly accountId: AccountId; readonly room: string }) {
  const api = useApi();
  const id = useId();
  const [level, setLevel] = useState<RoomNotifyLevel>(DEFAULT_ROOM_NOTIFY);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void request(() => api.listRoomNotify({ accountId })).then((result) => {
      if (live && result.ok) setLevel(result.value.find((s) => s.room === room)?.level ?? DEFAULT_ROOM_NOTIFY);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, room]);
  const choose = async (next: RoomNotifyLevel) => {
    const before = level;
    setLevel(next);
    setError(null);
    const result = await request(() => api.setRoomNotify({ accountId, room, level: next }));
    if (!result.ok) {
      setLevel(before);
      setError(result.message);
    }
  };
  return (
    <span className="room-notify">
      <label htmlFor={id} className="note">
        Notify
      </label>
      <select id={id} value={level} onChange={(e) => void choose(e.target.value as RoomNotifyLevel)} data-testid="room-notify">
        {ROOM_NOTIFY_LEVELS.map((l) => (
          <option key={l} value={l}>
            {LABELS[l]}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="error-text">
          {error}
        </span>
      ) : null}
    </span>
  );
}
