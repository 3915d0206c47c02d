import { useCallback, useId, useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { Time } from '../common/Time.js';
import { useLoad } from '../common/use-load.js';
import { fail, ok, type IpcResult } from '../../../app/ipc/result.js';
import { matchesFilter, mergeNewestFirst, NO_FILTER, plainEvent, type AccountEntry, type HistoryFilter, type MethodFilter } from './trust-events.js';

const METHODS: ReadonlyArray<readonly [MethodFilter, string]> = [
  ['any', 'Any result'],
  ['pkix', 'Certificate authority'],
  ['posh', 'POSH'],
  ['pin', 'Your pin'],
  ['accepted-once', 'Accepted once'],
  ['unverified', 'Not verified'],
];

/**
 * The trust history of every account as one filterable list of plain events (trust-ux.md "Trust history"):
 * by account, by method, decisions only, key changes only. Each account's own table (with the full why and the
 * JSON export) stays on its Security tab.
 */
export function TrustEvents({ accounts }: { readonly accounts: readonly AccountView[] }) {
  const api = useApi();
  const ids = useId();
  const [filter, setFilter] = useState<HistoryFilter>(NO_FILTER);
  // Reload when accounts come or go, not on every connection change (the list of accounts is a new array then).
  const accountKey = accounts.map((a) => `${a.settings.id} ${a.settings.jid}`).join('\n');
  const load = useCallback(async (): Promise<IpcResult<AccountEntry[]>> => {
    const lists: AccountEntry[][] = [];
    for (const line of accountKey === '' ? [] : accountKey.split('\n')) {
      const [accountId = '', ...rest] = line.split(' ');
      const jid = rest.join(' ');
      const result = await request(() => api.getTrustLog({ accountId }));
      if (!result.ok) return fail('failed', `${jid}: ${result.message}`);
      lists.push(result.value.map((entry) => ({ accountId, jid, entry })));
    }
    return ok(mergeNewestFirst(lists));
  }, [api, accountKey]);
  const { state, reload } = useLoad(load);
  const set = (change: Partial<HistoryFilter>) => setFilter((current) => ({ ...current, ...change }));
  const shown = state.status === 'ready' ? state.value.filter((item) => matchesFilter(item, filter)) : [];

  return (
    <section className="panel" aria-labelledby={`${ids}-heading`} data-testid="trust-events">
      <h2 id={`${ids}-heading`}>Trust history</h2>
      <div className="toolbar filters" role="group" aria-label="Filter the trust history">
        <label>
          Account{' '}
          <select value={filter.accountId} onChange={(event) => set({ accountId: event.target.value })}>
            <option value="all">All accounts</option>
            {accounts.map((account) => (
              <option key={account.settings.id} value={account.settings.id}>
                {account.settings.jid}
              </option>
            ))}
          </select>
        </label>
        <label>
          Result{' '}
          <select value={filter.method} onChange={(event) => set({ method: event.target.value as MethodFilter })}>
            {METHODS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.decisionsOnly} onChange={(event) => set({ decisionsOnly: event.target.checked })} /> Your decisions only
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.keyChangesOnly} onChange={(event) => set({ keyChangesOnly: event.target.checked })} /> Key changes only
        </label>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the trust history: {state.message}</p> : null}
      {state.status === 'ready' && shown.length === 0 ? (
        <p data-testid="trust-events-empty">{state.value.length === 0 ? 'No connection has been checked yet.' : 'Nothing matches these filters.'}</p>
      ) : null}
      {shown.length > 0 ? (
        <ol className="events" data-testid="trust-event-list">
          {shown.map(({ accountId, jid, entry }, index) => (
            <li key={`${accountId}-${entry.at}-${index}`} className={`event event--${entry.kind}`} data-testid="trust-event">
              <Time iso={entry.at} />
              <span className="event__account">
                <bdi>{jid}</bdi>
              </span>
              <span className="event__text">{plainEvent(entry)}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
