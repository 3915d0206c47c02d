import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import { useCallback, useState } from 'react';
import type { Pin } from '../../../app/domain/trust.js';
import { useApi } from '../ApiContext.js';
import { ConfirmDialog } from '../common/ConfirmDialog.js';
import { Fingerprint } from '../common/Fingerprint.js';
import { formatDateTime, formatDay } from '../common/format-time.js';
import { request } from '../common/ipc.js';
import { useLoad } from '../common/use-load.js';
import { certificateNames, listNames } from '../../../app/domain/certificate-names.js';

/** Every key the user pinned, with where it came from; removing one asks first (trust-ux.md "Pin manager"). */
export function PinManager() {
  const api = useApi();
  const load = useCallback(() => api.listPins(), [api]);
  const { state, reload } = useLoad(load);
  const [removing, setRemoving] = useState<Pin | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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

  return (
    <section className="panel" aria-labelledby="pins-heading" data-testid="pin-manager">
      <h2 id="pins-heading">Pinned keys</h2>
      <p className="note">
        A pin tells Hostproof to trust one server key for a domain even though no authority or POSH statement vouches for it.
      </p>
      {state.status === 'loading' ? <p role="status">Loading pins…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the pins: {state.message}</p> : null}
      {state.status === 'ready' && state.value.length === 0 ? <p data-testid="pins-empty">You have not pinned any key.</p> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <ul className="card-list">
          {state.value.map((pin) => (
            <li key={`${pin.domain}|${pin.service}`} className="card" data-testid="pin-item">
              <h3 className="card__title">
                <bdi>{domainForPeople(pin.domain)}</bdi> <span className="note">({pin.service})</span>
              </h3>
              <Fingerprint label="SHA-256 of the pinned public key" value={pin.spkiSha256} />
              <dl className="facts">
                {pin.certificate ? (
                  <>
                    <dt>From a certificate for</dt>
                    <dd>
                      <bdi>{listNames(certificateNames(pin.certificate), 6)}</bdi>
                    </dd>
                    <dt>Issued by</dt>
                    <dd>
                      <bdi>{pin.certificate.issuer}</bdi>
                    </dd>
                    <dt>Certificate expires</dt>
                    <dd>{formatDateTime(pin.certificate.notAfter)}</dd>
                  </>
                ) : null}
                <dt>Approved</dt>
                <dd>
                  {pin.approvedHow === 'replaced' ? 'Replaced an older pin' : 'Pinned'} by you on {formatDay(pin.approvedAt)}
                </dd>
                <dt>Last seen</dt>
                <dd>{pin.lastSeenAt ? formatDateTime(pin.lastSeenAt) : 'Not yet'}</dd>
              </dl>
              <button type="button" className="button--danger" onClick={() => setRemoving(pin)}>
                Remove pin for <bdi>{domainForPeople(pin.domain)}</bdi>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
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
