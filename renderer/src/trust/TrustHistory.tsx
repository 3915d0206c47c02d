import { useCallback, useEffect } from 'react';
import type { TrustLogEntry } from '../../../app/domain/trust-records.js';
import { useApi } from '../ApiContext.js';
import { HumanText } from '../common/HumanText.js';
import { Time } from '../common/Time.js';
import { groupFingerprint } from '../../../app/domain/fingerprint-groups.js';
import { useLoad } from '../common/use-load.js';
import { logDecision, logResult, logWhy, WHY_NOT_RECORDED } from './trust-log-text.js';
import { TrustLogExport } from './TrustLogExport.js';

const LOGGED_STAGES: ReadonlySet<string> = new Set(['awaiting-decision', 'online', 'failed', 'offline']);

/**
 * The account's append-only log of every verification and decision, newest first, exportable as JSON. Each
 * line says why: the verdict's sentence, its warnings, and the steps that led to it.
 */
export function TrustHistory({ accountId }: { readonly accountId: string }) {
  const api = useApi();
  const load = useCallback(() => api.getTrustLog({ accountId }), [api, accountId]);
  const { state, reload } = useLoad(load);
  // The log grows as the account connects (a verification, a question, a decision, a login): the page stays open
  // beside the chats, so it reads the log again whenever a connection attempt reaches one of those points.
  useEffect(
    () =>
      api.on('connectionChanged', (e) => {
        if (e.accountId === accountId && LOGGED_STAGES.has(e.state.stage)) reload();
      }),
    [api, accountId, reload],
  );
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
                <th scope="col" className="history__result">Result</th>
                <th scope="col">Your decision</th>
                <th scope="col">Fingerprints (SHA-256)</th>
              </tr>
            </thead>
            <tbody>
              {[...state.value].reverse().map((entry, index) => (
                <tr key={`${entry.at}-${index}`} data-testid="trust-log-row">
                  <td>
                    <Time iso={entry.at} />
                  </td>
                  <td>
                    <bdi>
                      {entry.host}:{entry.port}
                    </bdi>
                  </td>
                  <td>
                    <strong>{logResult(entry)}</strong>
                    <LogEntryWhy entry={entry} />
                  </td>
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

/** The verdict's sentence and warnings, and its steps folded away (they make a row tall). */
function LogEntryWhy({ entry }: { readonly entry: TrustLogEntry }) {
  const why = logWhy(entry);
  if (why === null) return <p className="history__why note">{WHY_NOT_RECORDED}</p>;
  return (
    <div className="history__why" data-testid="trust-log-why">
      <p className="history__summary">
        <HumanText text={why.summary} />
      </p>
      {why.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Warnings" data-testid="trust-log-warnings">
          {why.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
      {why.steps.length > 0 ? (
        <details className="history__steps">
          <summary>How the server was reached</summary>
          <ol data-testid="trust-log-steps">
            {why.steps.map((step, index) => (
              <li key={`${index}-${step.kind}`} data-kind={step.kind}>
                <bdi>{step.label}</bdi>
                {step.authenticated ? null : <span className="note"> (not authenticated)</span>}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
