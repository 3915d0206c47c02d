import type { IpcErrorDetails, IpcResult } from '../../../app/ipc/result.js';

/**
 * Runs a request and turns both a failed envelope and a broken transport into one plain sentence (and the
 * failure's typed details, when it has some).
 */
export async function request<T>(call: () => Promise<IpcResult<T>>): Promise<{ ok: true; value: T } | { ok: false; message: string; details?: IpcErrorDetails }> {
  try {
    const result = await call();
    if (result.ok) return { ok: true, value: result.value };
    return result.error.details === undefined ? { ok: false, message: result.error.message } : { ok: false, message: result.error.message, details: result.error.details };
  } catch (error) {
    return { ok: false, message: `Hostproof could not reach its background process (${String(error)}).` };
  }
}
