import { useEffect, useState } from 'react';
import type { AppInfo } from '../../app/domain/app-info.js';
import { useApi } from './ApiContext.js';

type Load = { state: 'loading' } | { state: 'ready'; info: AppInfo } | { state: 'error'; message: string };

/** Shows what the main process says about the running app: the first end-to-end slice of the contract. */
export function AboutPanel() {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    api.getInfo().then(
      (result) => {
        if (!live) return;
        setLoad(result.ok ? { state: 'ready', info: result.value } : { state: 'error', message: result.error.message });
      },
      (error: unknown) => live && setLoad({ state: 'error', message: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (load.state === 'loading') return <p role="status">Loading…</p>;
  if (load.state === 'error') return <p role="alert">Could not read application details: {load.message}</p>;
  const { info } = load;
  return (
    <section aria-labelledby="about-heading" className="about">
      <h2 id="about-heading">About this copy</h2>
      <dl>
        <dt>Application</dt>
        <dd data-testid="app-name">{info.name}</dd>
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>Platform</dt>
        <dd data-testid="app-platform">{info.platform}</dd>
        <dt>Data folder</dt>
        <dd data-testid="app-data-path">{info.dataPath}</dd>
        <dt>Saved passwords</dt>
        <dd data-testid="app-password-storage">
          {info.passwordStorage === 'os-key-store'
            ? "Encrypted by the operating system's key store"
            : 'Not saved: no key store protects them here, so they are kept until Hostproof quits'}
        </dd>
      </dl>
    </section>
  );
}
