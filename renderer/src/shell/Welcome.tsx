import type { AccountId } from '../../../app/domain/account.js';
import { AboutPanel } from '../AboutPanel.js';
import { AccountForm } from '../accounts/AccountForm.js';

/** The first run: no account yet, so the window is the form that adds one. */
export function Welcome({ onAccountAdded }: { readonly onAccountAdded: (accountId: AccountId) => void }) {
  return (
    <div className="welcome" data-testid="welcome">
      <h2>Welcome to Hostproof</h2>
      <p className="lead">Add your chat account to start. Hostproof checks who runs your server before it sends your password.</p>
      <AccountForm onDone={(account) => onAccountAdded(account.settings.id)} />
      <AboutPanel />
    </div>
  );
}
