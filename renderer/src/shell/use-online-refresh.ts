import { useEffect, useRef } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';

/**
 * Calls `refresh` for each account that has just come online. An account's conversations and roster live in
 * its session: asked for while it was still connecting, they were not there yet (or were out of date).
 */
export function useOnlineRefresh(accounts: readonly AccountView[], refresh: (accountId: AccountId) => void): void {
  const onlineKey = accounts
    .filter((a) => a.connection.stage === 'online')
    .map((a) => a.settings.id)
    .join('\n');
  const wasOnline = useRef(new Set<AccountId>());
  useEffect(() => {
    const online = new Set(onlineKey === '' ? [] : onlineKey.split('\n'));
    for (const accountId of online) if (!wasOnline.current.has(accountId)) refresh(accountId);
    wasOnline.current = online;
  }, [onlineKey, refresh]);
}
