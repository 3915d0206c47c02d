/** A HostproofApi where only the given functions answer; the rest reject. The component's dependency, not its code. */
import { REQUEST_NAMES } from '../../app/ipc/channels.js';
import type { HostproofApi } from '../../app/ipc/api.js';

export function partialApi(given: Partial<HostproofApi>): HostproofApi {
  const api: Record<string, unknown> = { on: () => () => undefined };
  for (const name of REQUEST_NAMES) api[name] = async () => Promise.reject(new Error(`${name} is not part of this test`));
  return { ...api, ...given } as unknown as HostproofApi;
}
