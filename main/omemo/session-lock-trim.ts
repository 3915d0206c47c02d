/**
 * libsignal-protocol-typescript 0.0.16 keeps two module-level arrays in its SessionLock (lib/session-lock.js):
 * `_promises` gets one settled promise per session operation and `errors` one entry per failed one, and
 * nothing in the library ever empties them (only its unused `clearQueue` reads `_promises`). In a client that
 * runs for weeks, every message in or out would stay in memory as one more promise. Our own queue
 * (keyed-queue.ts) already orders the operations and every caller sees its own error, so both arrays are
 * emptied after each of our operations.
 */
import { SessionLock } from '@privacyresearch/libsignal-protocol-typescript/lib/session-lock.js';

export function trimSessionLockBacklog(): void {
  SessionLock._promises.length = 0;
  SessionLock.errors.length = 0;
}

/** How much the library holds now (for tests and diagnostics). */
export function sessionLockBacklog(): { readonly promises: number; readonly errors: number } {
  return { promises: SessionLock._promises.length, errors: SessionLock.errors.length };
}
