import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import { useCallback, useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { Pin } from '../../../app/domain/trust.js';
import { useApi } from '../ApiContext.js';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { request } from '../common/ipc.js';
import { useLoad } from '../common/use-load.js';
import { AddPinForm } from './AddPinForm.js';
import { PinItem } from './PinItem.js';

interface PinManagerProps {
  /** The accounts, to show which use each pin; none when not given. */
  readonly accounts?: readonly AccountView[];
  readonly onOpenAccount?: (accountId: string) => void;
}

/**
 * Every key the user pinned, with where it came from, who uses it and whether the server still presents it;
 * removing one asks first; a pin can be added from a published fingerprint (trust-ux.md "Pin manager").
 */
export function PinManager({ accounts = [], onOpenAccount }: PinManagerProps) {
  const api = useApi();
  const load = useCallback(() => api.listPins(), [api]);
  const { state, reload } = useLoad(load);
  const [removing, setRemoving] = useState<Pin | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [replaceError, setReplaceError] = useState<string | null>(null);

  const remove = async (pin: Pin) => {
    setBusy(true);
    setError(null);
    const result = await request(() => api.removePin({ domain: pin.domain, service: pin.service }));
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setRemoving(null);
    reload();
  };

  // Replacing goes through the connection's own question (key changed → Replace the pinned key), which shows
  // both keys side by side, asks for the typed domain and ends with the main process's own confirmation.
  const replace = async (pin: Pin, account: AccountView) => {
    setReplaceError(null);
    const result = await request(() => api.connect({ accountId: account.settings.id }));
    if (result.ok) setStatus(`Connecting ${account.settings.jid}: Hostproof shows the server's new key for ${domainForPeople(pin.domain)} so you can compare it.`);
    else setReplaceError(result.message);
  };

  return (
    <section className="panel" aria-labelledby="pins-heading" data-testid="pin-manager">
      <h2 id="pins-heading">Pinned keys</h2>
      <p className="note">
        A pin tells Hostproof to trust one server key for a domain even though no authority or POSH statement vouches for it.
      </p>
      {status ? (
        <p role="status" className="note">
          {status}
        </p>
      ) : null}
      <ErrorText message={replaceError} />
      {state.status === 'loading' ? <p role="status">Loading pins…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the pins: {state.message}</p> : null}
      {state.status === 'ready' && state.value.length === 0 ? <p data-testid="pins-empty">You have not pinned any key.</p> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <ul className="card-list">
          {state.value.map((pin) => (
            <PinItem
              key={`${pin.domain}|${pin.service}`}
              pin={pin}
              accounts={accounts}
              onOpenAccount={onOpenAccount}
              onReplace={(p, account) => void replace(p, account)}
              onRemove={setRemoving}
            />
          ))}
        </ul>
      ) : null}
      <AddPinForm
        onAdded={(pin) => {
          setStatus(`Pinned the key for ${domainForPeople(pin.domain)}. The first connection will verify by it.`);
          reload();
        }}
      />
      {removing ? (
        <ConfirmDialog
          title={`Remove the pin for ${domainForPeople(removing.domain)}?`}
          description={
            <p>
              The next time you connect, Hostproof will ask you again unless a trusted authority or {domainForPeople(removing.domain)}&apos;s POSH
              statement vouches for the server.
            </p>
          }
          confirmLabel="Remove pin"
          busy={busy}
          error={error}
          onConfirm={() => void remove(removing)}
          onCancel={() => {
            setRemoving(null);
            setError(null);
          }}
          testId="remove-pin-confirm"
        />
      ) : null}
    </section>
  );
}
