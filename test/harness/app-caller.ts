/**
 * Calls the app's handlers the way the window does: through the same dispatcher (schema validation
 * included), failing the test with the typed error when a request is refused (its `code` and `details` kept
 * on the thrown error).
 */
import type { RequestName } from '../../app/ipc/channels.js';
import type { ResponseTypes } from '../../app/ipc/contract.js';
import type { IpcResult } from '../../app/ipc/result.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import type { TestApp } from './test-app.js';

export type AppCall = <K extends RequestName>(name: K, payload?: unknown) => Promise<ResponseTypes[K]>;

export function appCaller(app: TestApp): AppCall {
  const dispatch = createDispatch(app.handlers, { logError: (message, error) => app.notices.push(`${message}: ${String(error)}`) });
  return async (name, payload) => {
    const result = (await dispatch(name, payload)) as IpcResult<ResponseTypes[typeof name]>;
    if (!result.ok) throw Object.assign(new Error(`${name} failed: ${result.error.code}: ${result.error.message}`), { code: result.error.code, details: result.error.details });
    return result.value;
  };
}
