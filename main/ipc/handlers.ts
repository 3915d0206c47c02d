import type { RequestName } from '../../app/ipc/channels.js';
import type { RequestPayload, ResponseTypes } from '../../app/ipc/contract.js';
import type { IpcErrorDetails } from '../../app/ipc/result.js';

/** The main process's side of the contract: one async function per request, given a validated payload. */
export type RequestHandlers = {
  readonly [K in RequestName]: (payload: RequestPayload<K>) => Promise<ResponseTypes[K]>;
};

/**
 * Thrown by a handler for a failure the user should read (wrong password, unknown account...). Its
 * message crosses to the renderer; any other error is treated as a bug and its details stay in main.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    /** Typed extras the renderer can act on (a suggested nickname), sent beside the message. */
    readonly details?: IpcErrorDetails,
  ) {
    super(message);
  }
}
