/**
 * Wires the contract's request handlers to the services. The Electron shell and the test harness both call
 * this with their own dependencies, so the end-to-end tests run the real handlers.
 */
import type { RequestHandlers } from '../ipc/handlers.js';
import { createAppInfoService, type AppInfoDeps } from './app-info-service.js';

export interface ServiceDeps {
  readonly appInfo: AppInfoDeps;
}

export function createHandlers(deps: ServiceDeps): RequestHandlers {
  const appInfo = createAppInfoService(deps.appInfo);
  return {
    getInfo: () => appInfo.getInfo(),
  };
}
