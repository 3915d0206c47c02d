import { useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { useBookmarks } from './use-bookmarks.js';

interface BookmarkToggleProps {
  readonly accountId: AccountId;
  readonly room: string;
  /** Our nickname in the room: the one a later join from the bookmark uses. */
  readonly nick: string;
}

/**
 * The room header's "Remember" toggle: a bookmark (XEP-0402) on the account's server, so the room is listed
 * in "Join a room" here and in the account's other apps. What it shows follows bookmarkChanged, so a change
 * made elsewhere shows too. A failure is said next to it.
 */
export function BookmarkToggle({ accountId, room, nick }: BookmarkToggleProps) {
  const api = useApi();
  const { bookmarks, ready } = useBookmarks(api, accountId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = bookmarks.find((b) => b.room === room) ?? null;
  const toggle = async () => {
    setBusy(true);
    setError(null);
    const result = await request(() =>
      current === null ? api.setBookmark({ accountId, room, name: null, autojoin: false, nick, password: null }) : api.removeBookmark({ accountId, room }),
    );
    setBusy(false);
    if (!result.ok) setError(result.message);
  };
  return (
    <>
      <button
        type="button"
        className="button--small button--toggle"
        aria-pressed={current !== null}
        disabled={!ready || busy}
        onClick={() => void toggle()}
        title={current === null ? 'Remember this room: it is then listed in “Join a room”' : 'Forget this room'}
        data-testid="bookmark-toggle"
      >
        {current === null ? 'Remember' : 'Remembered'}
      </button>
      {error ? (
        <span role="alert" className="error-text room-header__bookmark-error">
          {error}
        </span>
      ) : null}
    </>
  );
}
