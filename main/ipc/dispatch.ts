/**
 * Validates and runs one request. Shared by the Electron IPC registration and the end-to-end test harness,
 * so both enforce the same schema checks. Plain Node: no Electron here.
 */
import { isRequestName, type RequestName } from '../../app/ipc/channels.js';
import { requestSchemas } from '../../app/ipc/contract.js';
import { fail, ok, type IpcResult } from '../../app/ipc/result.js';
import { UserFacingError, type RequestHandlers } from './handlers.js';

export type Dispatch = (name: string, payload: unknown) => Promise<IpcResult<unknown>>;

export interface DispatchOptions {
  /** Where unexpected handler errors are reported (never to the renderer). */
  readonly logError: (message: string, error: unknown) => void;
}

export function createDispatch(handlers: RequestHandlers, options: DispatchOptions): Dispatch {
  return async (name, payload) => {
    if (!isRequestName(name)) return fail('unknown-request', `There is no operation called "${name}".`);
    const parsed = requestSchemas[name].safeParse(payload);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      return fail('invalid-request', `The request "${name}" was malformed: ${where}`);
    }
    try {
      return ok(await runHandler(handlers, name, parsed.data));
    } catch (error) {
      if (error instanceof UserFacingError) return fail('failed', error.message, error.details);
      options.logError(`Request "${name}" failed unexpectedly`, error);
      return fail('internal', `Something went wrong while handling "${name}". The details were logged.`);
    }
  };
}

function runHandler(handlers: RequestHandlers, name: RequestName, payload: unknown): Promise<unknown> {
  // The schema for `name` has just accepted `payload`, so it has the handler's payload type.
  const handler = handlers[name] as (p: unknown) => Promise<unknown>;
  return handler(payload);
}
