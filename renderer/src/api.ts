/** The renderer's only door to the main process: the contract API the preload (or test harness) exposes. */
import { API_GLOBAL, type HostproofApi } from '../../app/ipc/api.js';

export function getApi(): HostproofApi {
  const api = (window as unknown as Record<string, HostproofApi | undefined>)[API_GLOBAL];
  if (!api) throw new Error('Hostproof API is missing: the page was not loaded by Hostproof.');
  return api;
}
