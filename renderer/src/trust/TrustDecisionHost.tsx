import type { AccountView } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { TrustDecisionDialog } from './TrustDecisionDialog.js';
import { UnboundLoginDialog } from './UnboundLoginDialog.js';
import { useTrustRequests } from './use-trust-requests.js';

/** Shows the oldest pending trust decision, one at a time, whatever screen the user is on. */
export function TrustDecisionHost({ accounts }: { readonly accounts: readonly AccountView[] }) {
  const api = useApi();
  const { pending, settle } = useTrustRequests(api, accounts);
  const current = pending[0];
  if (!current) return null;
  // Keyed by request: a new request starts from the first step with Cancel focused again. The channel-binding
  // question shares the request and answer path but not the certificate story, so it has its own dialog.
  if (current.unboundLogin) return <UnboundLoginDialog key={current.requestId} request={current} question={current.unboundLogin} onDecided={settle} />;
  return <TrustDecisionDialog key={current.requestId} request={current} onDecided={settle} />;
}
