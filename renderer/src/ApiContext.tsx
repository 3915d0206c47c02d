import { createContext, useContext, type ReactNode } from 'react';
import type { HostproofApi } from '../../app/ipc/api.js';

const ApiContext = createContext<HostproofApi | null>(null);

/** Components receive the API through context so component tests can pass their own implementation. */
export function ApiProvider({ api, children }: { api: HostproofApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): HostproofApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
