import type { IpcResult } from '../../../app/ipc/result.js';

/** Runs a request and turns both a failed envelope and a broken transport into one plain sentence. */
export async function request<T>(call: () => Promise<IpcResult<T>>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    const result = await call();
    return result.ok ? { ok: true, value: result.value } : { ok: false, message: result.error.message };
  } catch (error) {
    return { ok: false, message: `Hostproof could not reach its background process (${String(error)}).` };
  }
}
