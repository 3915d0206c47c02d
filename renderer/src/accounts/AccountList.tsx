import type { AccountId, AccountView } from '../../../app/domain/account.js';
import type { JidParser } from '../../../app/domain/address/jid-parser.js';
import { useAddresses } from '../common/addresses.js';
import { IdentityBadge } from '../trust/IdentityBadge.js';
import { ConnectionStatus } from './ConnectionStatus.js';

interface AccountListProps {
  readonly accounts: readonly AccountView[];
  readonly selected: AccountId | null;
  readonly onSelect: (accountId: AccountId) => void;
  readonly onOpenSecurity: (accountId: AccountId) => void;
}

/** The account's domain as people read it (U-labels), whichever form the address was saved in. */
function domainOf(jid: string, jids: Pick<JidParser, 'jidOrNull'>): string {
  return jids.jidOrNull(jid)?.domain.unicode ?? jid;
}

/** Every account with its connection status and identity badge, always visible (trust-ux.md "Everywhere"); opens its settings. */
export function AccountList({ accounts, selected, onSelect, onOpenSecurity }: AccountListProps) {
  const addresses = useAddresses();
  return (
    <ul className="account-list" data-testid="account-list">
      {accounts.map((account) => {
        const { id, jid, enabled } = account.settings;
        return (
          <li key={id} className={`account-list__item${id === selected ? ' is-selected' : ''}`} data-testid="account-item" data-account-id={id}>
            <button type="button" className="account-list__select" aria-current={id === selected ? 'page' : undefined} onClick={() => onSelect(id)} title={`${jid}: settings`}>
              <bdi className="account-list__jid">{jid}</bdi>
              {enabled ? (
                <ConnectionStatus state={account.connection} domain={domainOf(jid, addresses)} compact />
              ) : (
                <span className="status status--disabled">Disabled</span>
              )}
            </button>
            <IdentityBadge verdict={account.lastVerdict} onOpen={() => onOpenSecurity(id)} />
          </li>
        );
      })}
    </ul>
  );
}
