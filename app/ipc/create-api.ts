/**
 * Builds the API object from a transport. The preload passes Electron's ipcRenderer; the end-to-end
 * harness passes functions that reach real main-process services in the test process. Both therefore
 * expose exactly the same surface: one function per request name, nothing else.
 */
import { EVENT_NAMES, REQUEST_NAMES, isEventName } from './channels.js';
import type { ApiTransport, HostproofApi } from './api.js';

export function createApi(transport: ApiTransport): HostproofApi {
  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    api[name] = (payload?: unknown) => transport.invoke(name, payload);
  }
  api.on = (event: unknown, listener: unknown) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}". Known: ${EVENT_NAMES.join(', ')}`);
    if (typeof listener !== 'function') throw new Error('Event listener must be a function');
    return transport.subscribe(event, (payload) => (listener as (p: unknown) => void)(payload));
  };
  return Object.freeze(api) as unknown as HostproofApi;
}
