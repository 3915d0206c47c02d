import { PinManager } from './PinManager.js';
import { PoshCacheView } from './PoshCacheView.js';

/** Security state shared by all accounts: pinned keys and remembered POSH statements. */
export function TrustCenter() {
  return (
    <div className="trust-center" data-testid="trust-center">
      <PinManager />
      <PoshCacheView />
    </div>
  );
}
