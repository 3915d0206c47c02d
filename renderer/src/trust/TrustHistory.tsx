import { useCallback } from 'react';
import { useApi } from '../ApiContext.js';
import { formatDateTime } from '../common/format-time.js';
import { groupFingerprint } from '../common/fingerprint-groups.js';
import { useLoad } from '../common/use-load.js';
import { logDecision, logResult } from './trust-log-text.js';
import { TrustLogExport } from './TrustLogExport.js';

/** The account's append-only log of every verification and decision, newest first, exportable as JSON. */
export function TrustHistory({ accountId }: { readonly accountId: string }) {
  const api = useApi();
  const load = useCallback(() => api.getTrustLog({ accountId }), [api, accountId]);
  const { state, reload } = useLoad(load);
  return (
    <section className="panel" aria-labelledby={`history-${accountId}`} data-testid="trust-history">
      <h2 id={`history-${accountId}`}>Trust history</h2>
      <div className="toolbar">
        <button type="button" onClick={reload}>
          Refresh
        </button>
        <TrustLogExport accountId={accountId} />
      </div>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the trust history: {state.message}</p> : null}
      {state.status === 'ready' && state.value.length === 0 ? <p>No connection has been checked yet.</p> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Trust history table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Server</th>
                <th scope="col">Result</th>
                <th scope="col">Your decision</th>
                <th scope="col">Fingerprints (SHA-256)</th>
              </tr>
            </thead>
            <tbody>
              {[...state.value].reverse().map((entry, index) => (
                <tr key={`${entry.at}-${index}`} data-testid="trust-log-row">
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    <bdi>
                      {entry.host}:{entry.port}
                    </bdi>
                  </td>
                  <td>{logResult(entry)}</td>
                  <td>{logDecision(entry)}</td>
                  <td className="mono-small">
                    <div>certificate {groupFingerprint(entry.certificateSha256)}</div>
                    <div>key {groupFingerprint(entry.spkiSha256)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
