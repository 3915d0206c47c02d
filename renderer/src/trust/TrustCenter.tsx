import { ExtraCaManager } from './ExtraCaManager.js';
import { PinManager } from './PinManager.js';
import { PoshCacheView } from './PoshCacheView.js';

/** Security state shared by all accounts: pinned keys, remembered POSH statements, added authorities. */
export function TrustCenter() {
  return (
    <div className="trust-center" data-testid="trust-center">
      <PinManager />
      <PoshCacheView />
      <ExtraCaManager />
    </div>
  );
}
