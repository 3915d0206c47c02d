import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { createBlockingRules, type BlockingView } from '../../../app/domain/blocking.js';
import { useApi } from '../ApiContext.js';
import { useAddresses } from '../common/addresses.js';
import { request } from '../common/ipc.js';

export interface UseBlocking {
  /** What main says about the account's blocking; null until it has answered. */
  readonly view: BlockingView | null;
  /** The list's entry that blocks `address` (itself or its whole domain: main's rule), or null. */
  blockedBy(address: string): string | null;
  /** Blocking can be offered: the server supports it. */
  readonly offered: boolean;
  /** Each answers why not in plain words, or null when done. */
  block(address: string): Promise<string | null>;
  unblock(address: string): Promise<string | null>;
}

/**
 * One account's block list as main knows it (XEP-0191): asked for once, kept current from `blockedChanged`
 * (which also carries what the account's other clients change). The window only shows it: main filters.
 */
export function useBlocking(accountId: AccountId): UseBlocking {
  const api = useApi();
  const [view, setView] = useState<BlockingView | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('blockedChanged', (changed) => {
      if (changed.accountId === accountId) setView(changed);
    });
    void request(() => api.listBlocked({ accountId })).then((result) => {
      // An event that came first is newer than this answer.
      if (live && result.ok) setView((current) => current ?? result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api, accountId]);
  const blocked = useMemo(() => new Set(view?.blocked ?? []), [view]);
  // The parser in context (the first screen's: no IDNA library until the first idle moment, common/addresses.tsx).
  const addresses = useAddresses();
  const rules = useMemo(() => createBlockingRules(addresses), [addresses]);
  const change = useCallback(
    async (kind: 'block' | 'unblock', address: string): Promise<string | null> => {
      const result = await request(() => (kind === 'block' ? api.block({ accountId, address }) : api.unblock({ accountId, address })));
      if (!result.ok) return result.message;
      setView(result.value);
      return null;
    },
    [api, accountId],
  );
  return {
    view,
    blockedBy: useCallback((address: string) => rules.blockingEntry(blocked, address), [rules, blocked]),
    offered: view?.supported === true,
    block: useCallback((address: string) => change('block', address), [change]),
    unblock: useCallback((address: string) => change('unblock', address), [change]),
  };
}
