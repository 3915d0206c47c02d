/**
 * A full RequestHandlers table where only the given operations work and every other one fails loudly: for
 * tests of the IPC plumbing, which need real handler functions but not the whole app behind them.
 */
import { REQUEST_NAMES } from '../../app/ipc/channels.js';
import type { RequestHandlers } from '../../main/ipc/handlers.js';

export function partialHandlers(given: Partial<RequestHandlers>): RequestHandlers {
  const table: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    table[name] = given[name] ?? (async () => Promise.reject(new Error(`${name} is not part of this test`)));
  }
  return table as unknown as RequestHandlers;
}
