import { useApi } from '../ApiContext.js';
import { useAccounts } from '../accounts/use-accounts.js';
import { ExtraCaManager } from './ExtraCaManager.js';
import { OmemoDevices } from './OmemoDevices.js';
import { PinManager } from './PinManager.js';
import { PoshCacheView } from './PoshCacheView.js';
import { TrustEvents } from './TrustEvents.js';

/** Security state: pinned keys, remembered POSH statements, added authorities, each account's encryption devices, and one trust history. */
export function TrustCenter({ onOpenAccount }: { readonly onOpenAccount?: (accountId: string) => void }) {
  const { accounts } = useAccounts(useApi());
  return (
    <div className="trust-center" data-testid="trust-center">
      <PinManager accounts={accounts} {...(onOpenAccount ? { onOpenAccount } : {})} />
      <PoshCacheView />
      <ExtraCaManager />
      <OmemoDevices accounts={accounts} />
      <TrustEvents accounts={accounts} />
    </div>
  );
}
