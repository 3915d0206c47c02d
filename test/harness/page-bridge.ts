/**
 * Runs inside the page in end-to-end tests, in place of the preload: it builds `window.hostproof` with the
 * same createApi the preload uses, over a transport that reaches the test process through Playwright
 * (exposeFunction for requests, evaluate for pushed events). Bundled as an IIFE by the e2e setup.
 */
import { API_GLOBAL } from '../../app/ipc/api.js';
import { createApi } from '../../app/ipc/create-api.js';

type Listener = (payload: unknown) => void;
interface BridgeWindow {
  __hostproofInvoke(name: string, payload: unknown): Promise<unknown>;
  __hostproofEmit?: (event: string, payload: unknown) => void;
  [key: string]: unknown;
}

const w = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<Listener>>();

w[API_GLOBAL] = createApi({
  invoke: (name, payload) => w.__hostproofInvoke(name, payload),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});

w.__hostproofEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};
