/**
 * The shape of `window.hostproof`, derived from the contract: one function per request, and `on` for
 * events. The preload builds it; the renderer consumes it; tests provide it through the harness.
 */
import type { EventName, RequestName } from './channels.js';
import type { EventPayloads, RequestPayload, ResponseTypes } from './contract.js';
import type { IpcResult } from './result.js';

export type RequestFunctions = {
  readonly [K in RequestName]: RequestPayload<K> extends void
    ? () => Promise<IpcResult<ResponseTypes[K]>>
    : (payload: RequestPayload<K>) => Promise<IpcResult<ResponseTypes[K]>>;
};

export type Unsubscribe = () => void;

export interface EventSubscription {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe;
}

export type HostproofApi = RequestFunctions & EventSubscription;

/** The property name on `window` where the preload exposes the API. */
export const API_GLOBAL = 'hostproof';

/** The two primitives every transport (Electron IPC, the test harness) must supply. */
export interface ApiTransport {
  invoke(name: RequestName, payload: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe;
}
