/**
 * Asks once per account for a list the window loads after its first screen (rooms, room invitations,
 * nicknames): each account the first time it is in `accountIds` while `ready`, and accounts added later as
 * they come. `live()` says whether the component is still mounted when the answer arrives; it is per mount,
 * not per run of the effect, so an answer is not dropped because the account list changed meanwhile (that
 * account would never be asked again).
 */
import { useEffect, useRef } from 'react';
import type { AccountId } from '../../../app/domain/account.js';

export function useEachAccountOnce(accountIds: readonly AccountId[], ready: boolean, ask: (accountId: AccountId, live: () => boolean) => void): void {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const asked = useRef(new Set<AccountId>());
  useEffect(() => {
    if (!ready) return;
    for (const accountId of accountIds) {
      if (asked.current.has(accountId)) continue;
      asked.current.add(accountId);
      ask(accountId, () => mounted.current);
    }
  }, [ready, accountIds, ask]);
}
