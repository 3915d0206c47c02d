import type { Bookmark } from '../../../app/domain/rooms.js';
import { roomName } from './rooms-reducer.js';

interface RememberedRoomsProps {
  /** The account's remembered rooms it is not in now. */
  readonly bookmarks: readonly Bookmark[];
  readonly busy: boolean;
  readonly onJoin: (bookmark: Bookmark) => void;
}

/** The rooms the account remembers (bookmarks) and is not in: one click joins with the remembered nickname. */
export function RememberedRooms({ bookmarks, busy, onJoin }: RememberedRoomsProps) {
  if (bookmarks.length === 0) return null;
  return (
    <section className="remembered-rooms" aria-label="Remembered rooms" data-testid="remembered-rooms">
      <h3 className="remembered-rooms__title">Remembered rooms</h3>
      <ul className="remembered-rooms__list">
        {bookmarks.map((b) => (
          <li key={b.room}>
            <span className="remembered-rooms__who">
              <bdi>{roomName(b.room, b.name)}</bdi> <bdi className="note">{b.room}</bdi>
            </span>
            <button type="button" className="button--small" disabled={busy} onClick={() => onJoin(b)} aria-label={`Join ${b.name ?? b.room}`}>
              Join
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
