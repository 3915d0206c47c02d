import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import { useCallback, useState } from 'react';
import { useApi } from '../ApiContext.js';
import { Time } from '../common/Time.js';
import { request } from '../common/ipc.js';
import { useLoad } from '../common/use-load.js';

/** What POSH proved and until when; "forget" makes the next connection ask the domain's web site again. */
export function PoshCacheView() {
  const api = useApi();
  const load = useCallback(() => api.listPoshCache(), [api]);
  const { state, reload } = useLoad(load);
  const [error, setError] = useState<string | null>(null);

  const forget = async (domain: string) => {
    setError(null);
    const result = await request(() => api.forgetPosh({ domain }));
    if (result.ok) reload();
    else setError(result.message);
  };

  return (
    <section className="panel" aria-labelledby="posh-cache-heading" data-testid="posh-cache">
      <h2 id="posh-cache-heading">Remembered POSH statements</h2>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <p role="alert">Could not read the POSH cache: {state.message}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      {state.status === 'ready' && state.value.length === 0 ? <p>Nothing is remembered.</p> : null}
      {state.status === 'ready' && state.value.length > 0 ? (
        <ul className="card-list">
          {state.value.map((entry) => (
            <li key={entry.domain} className="card" data-testid="posh-cache-item">
              <h3 className="card__title">
                <bdi>{domainForPeople(entry.domain)}</bdi>
              </h3>
              <p>
                Its web site listed {entry.fingerprints.length === 1 ? 'one certificate' : `${entry.fingerprints.length} certificates`}{' '}
                for its chat service ({entry.format === 'seed' ? 'older seed format' : 'RFC 7711'}). Fetched{' '}
                <Time iso={entry.fetchedAt} />; remembered until <Time iso={entry.expiresAt} /> (expires <Time iso={entry.expiresAt} as="relative" />).
              </p>
              <ul className="plain-list">
                {entry.fingerprints.map((fp, index) => (
                  <li key={`${index}-${fp.value}`}>
                    {fp.hash.toUpperCase()} <code>{fp.value}</code> <span className="note">from <bdi>{fp.url}</bdi></span>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => void forget(entry.domain)}>
                Forget <bdi>{domainForPeople(entry.domain)}</bdi>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
