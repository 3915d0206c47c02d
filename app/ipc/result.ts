/**
 * Every request answers with a result envelope instead of throwing: Electron flattens thrown errors into
 * a string, which would lose the error code the renderer needs to explain a failure in plain words.
 */
export type IpcErrorCode =
  | 'invalid-request' // the payload did not match the contract's schema
  | 'forbidden-sender' // the request came from a frame that is not our own top-level page
  | 'unknown-request' // no such channel
  | 'failed' // the operation ran and failed for a reason it explains
  | 'internal'; // a bug: the message is generic, details are logged in the main process

export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
  /** What a 'failed' request adds for code to act on, beside the sentence for people. */
  readonly details?: IpcErrorDetails;
}

/** Typed extras of a failure. Each is optional: the sentence in `message` always says it in plain words. */
export interface IpcErrorDetails {
  /** joinRoom refused for a taken nickname: another one the room would likely accept (bob → bob2). */
  readonly suggestedNick?: string;
}

export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: IpcErrorCode, message: string, details?: IpcErrorDetails): IpcResult<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
