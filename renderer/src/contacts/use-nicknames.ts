/**
 * The nicknames contacts published for themselves (issue 14: XEP-0172), per account: asked for with the
 * rosters (after the first screen) and kept current from `nicknameChanged`. A nickname is a name the contact
 * chose, so it only shows where the user gave none (contact-names.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import { useEachAccountOnce } from '../common/use-each-account-once.js';

/** accountId → (bare address → nickname). */
export type Nicknames = ReadonlyMap<AccountId, ReadonlyMap<string, string>>;

const EMPTY: Nicknames = new Map();

function withNick(state: Nicknames, accountId: AccountId, jid: string, nick: string | null): Nicknames {
  const account = new Map(state.get(accountId) ?? []);
  if (nick === null) account.delete(jid);
  else account.set(jid, nick);
  return new Map(state).set(accountId, account);
}

export function useNicknames(api: HostproofApi, accountIds: readonly AccountId[], ready: boolean): Nicknames {
  const [nicknames, setNicknames] = useState<Nicknames>(EMPTY);
  const ask = useCallback(
    (accountId: AccountId, live: () => boolean) =>
      void request(() => api.listNicknames({ accountId })).then((result) => {
        if (!live() || !result.ok) return;
        // Events that came meanwhile are newer than the list: kept over it.
        setNicknames((state) => new Map(state).set(accountId, new Map([...result.value.map((n) => [n.jid, n.nick] as const), ...(state.get(accountId) ?? [])])));
      }),
    [api],
  );
  useEachAccountOnce(accountIds, ready, ask);
  useEffect(() => api.on('nicknameChanged', ({ accountId, jid, nick }) => setNicknames((state) => withNick(state, accountId, jid, nick))), [api]);
  return nicknames;
}
