import { useCallback, useState } from 'react';
import type { ExtraCaView } from '../../../app/domain/extra-ca.js';
import { useApi } from '../ApiContext.js';
import { hexToBase64 } from '../../../app/domain/fingerprint-input.js';
import { Fingerprint } from '../common/Fingerprint.js';
import { formatDay } from '../common/format-time.js';
import { request } from '../common/ipc.js';
import { useLoad } from '../common/use-load.js';

/**
 * The certificate authorities the user added on top of the operating system's (posh.md §3). The window only
 * asks: "Add…" makes the main process open its own file dialog and show its own confirmation with the
 * authority's fingerprint, and "Remove" is confirmed there too, so this section has no dialog of its own.
 */
export function ExtraCaManager() {
  const api = useApi();
  const load = useCallback(() => api.listExtraCas(), [api]);
  const { state, reload } = useLoad(load);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const run = async <T,>(work: () => ReturnType<typeof request<T>>, done: (value: T) => string | null) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    const result = await work();
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setStatus(done(result.value));
    reload();
  };

  const add = () =>
    run(
      () => request(() => api.addExtraCa()),
      (added) => (added.length === 0 ? null : `Added ${added.length === 1 ? 'one authority' : `${added.length} authorities`}.`),
    );
  const remove = (ca: ExtraCaView) =>
    run(
      () => request(() => api.removeExtraCa({ sha256: ca.sha256 })),
      () => `Removed ${ca.subject}.`,
    );

  return (
    <section className="panel" aria-labelledby="extra-cas-heading" data-testid="extra-cas">
      <h2 id="extra-cas-heading">Extra certificate authorities</h2>
      <p className="note">
        Besides the authorities your operating system trusts, you can add one, such as your organisation&apos;s own. Servers with certificates
        from this authority will be trusted as if it were a public one, for chat and for POSH. Add only an authority you know: whoever holds
        its key can pose as any server.
      </p>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the added authorities: {state.message}</p> : null}
      {state.status === 'ready' && state.value.length === 0 ? <p data-testid="extra-cas-empty">You have not added any authority.</p> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <ul className="card-list">
          {state.value.map((ca) => (
            <li key={ca.sha256} className="card" data-testid="extra-ca-item">
              <h3 className="card__title">
                <bdi>{ca.subject}</bdi>
              </h3>
              <Fingerprint label="SHA-256 of the certificate" value={hexToBase64(ca.sha256)} />
              <dl className="facts">
                <dt>Issued by</dt>
                <dd>
                  <bdi>{ca.issuer}</bdi>
                </dd>
                <dt>Valid until</dt>
                <dd>{formatDay(ca.notAfter)}</dd>
                <dt>Added</dt>
                <dd>By you on {formatDay(ca.addedAt)}</dd>
              </dl>
              <button type="button" className="button--danger" disabled={busy} onClick={() => void remove(ca)}>
                Remove <bdi>{ca.subject}</bdi>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {status ? <p role="status">{status}</p> : null}
      <button type="button" disabled={busy} onClick={() => void add()}>
        Add a certificate authority…
      </button>
    </section>
  );
}
