import { useCallback, useEffect, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { Bookmark } from '../../../app/domain/rooms.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';

/**
 * One account's bookmarks (remembered rooms, XEP-0402), read once and kept current from `bookmarkChanged`
 * (changes made here, and by the account's other clients). Empty until read, and when they cannot be read.
 */
export function useBookmarks(api: HostproofApi, accountId: AccountId): { readonly bookmarks: readonly Bookmark[]; readonly ready: boolean } {
  const [state, setState] = useState<{ readonly accountId: AccountId; readonly bookmarks: readonly Bookmark[] } | null>(null);
  const apply = useCallback(
    (room: string, bookmark: Bookmark | null) =>
      setState((s) => {
        if (s?.accountId !== accountId) return s;
        const others = s.bookmarks.filter((b) => b.room !== room);
        return { accountId, bookmarks: bookmark === null ? others : [...others, bookmark] };
      }),
    [accountId],
  );
  useEffect(() => {
    let live = true;
    void request(() => api.listBookmarks({ accountId })).then((result) => {
      if (live) setState({ accountId, bookmarks: result.ok ? result.value : [] });
    });
    const stop = api.on('bookmarkChanged', (change) => {
      if (change.accountId === accountId) apply(change.room, change.bookmark);
    });
    return () => {
      live = false;
      stop();
    };
  }, [api, accountId, apply]);
  return state?.accountId === accountId ? { bookmarks: state.bookmarks, ready: true } : { bookmarks: [], ready: false };
}
