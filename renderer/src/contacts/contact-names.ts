import { useMemo } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { JidParser } from '../../../app/domain/address/jid-parser.js';
import type { RosterItem } from '../../../app/domain/chat.js';
import { useAddresses } from '../common/addresses.js';
import type { RosterItems } from './roster-store.js';
import type { Nicknames } from './use-nicknames.js';

/**
 * The name a person is shown by: the one the user gave them in the roster, else the nickname they published
 * (XEP-0172, issue 14), else the part of the address before "@" (what Conversations and Dino show), else the
 * address itself (a server, unreadable text, or an address on a non-ASCII domain while the window's address
 * model waits for the IDNA library).
 */
export function nameFor(item: RosterItem | undefined, address: string, jids: Pick<JidParser, 'jidOrNull'>, nick?: string): string {
  const given = item?.name?.trim();
  if (given) return given;
  if (nick) return nick;
  const jid = jids.jidOrNull(address);
  return jid?.local ?? jid?.domain.unicode ?? address;
}

/** Looks up a contact's name on an account. */
export type NameOf = (accountId: AccountId, address: string) => string;

/**
 * Names from every account's roster items. The function keeps its identity until some roster's items change:
 * presence arrives many times a second and must not make every row that shows a name render again. It changes
 * once more when the address model becomes complete (see common/addresses.tsx).
 */
export function useNameOf(items: RosterItems, nicknames?: Nicknames): NameOf {
  const addresses = useAddresses();
  return useMemo(() => {
    const indexes = new Map([...items].map(([accountId, list]) => [accountId, new Map(list.map((i) => [i.jid, i]))]));
    return (accountId, address) => nameFor(indexes.get(accountId)?.get(address), address, addresses, nicknames?.get(accountId)?.get(address));
  }, [items, addresses, nicknames]);
}
