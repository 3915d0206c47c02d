import { useMemo } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import type { RosterItems } from './roster-store.js';

/**
 * The name a person is shown by: the one the user gave them in the roster, else the part of the address
 * before "@" (what Conversations and Dino show), else the address itself (a server, or unreadable text).
 */
export function nameFor(item: RosterItem | undefined, address: string): string {
  const given = item?.name?.trim();
  if (given) return given;
  const jid = jidOrNull(address);
  return jid?.local ?? jid?.domain.unicode ?? address;
}

/** Looks up a contact's name on an account. */
export type NameOf = (accountId: AccountId, address: string) => string;

/**
 * Names from every account's roster items. The function keeps its identity until some roster's items change:
 * presence arrives many times a second and must not make every row that shows a name render again.
 */
export function useNameOf(items: RosterItems): NameOf {
  return useMemo(() => {
    const indexes = new Map([...items].map(([accountId, list]) => [accountId, new Map(list.map((i) => [i.jid, i]))]));
    return (accountId, address) => nameFor(indexes.get(accountId)?.get(address), address);
  }, [items]);
}
