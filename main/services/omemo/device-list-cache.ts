/**
 * The device lists of the accounts we encrypt for: asked of the server once, then kept up to date by the
 * server's notifications. A notification that arrives while a request for the same list is on its way is newer
 * than the answer, so the answer does not overwrite it. Two callers asking for an unknown list share one request.
 */
import type { DeviceId } from '../../omemo/omemo-types.js';

export interface DeviceListCache {
  /** The cached list, or the one `fetch` brings (then cached). A failed fetch caches nothing. */
  get(jid: string, fetch: (jid: string) => Promise<readonly DeviceId[]>): Promise<readonly DeviceId[]>;
  known(jid: string): readonly DeviceId[] | undefined;
  /** A list the server announced: it replaces what we had. */
  set(jid: string, devices: readonly DeviceId[]): void;
  /** Asks the server again next time (a message came from a device the list did not have). */
  forget(jid: string): void;
  /** Forgets every list (offline: notifications are no longer heard, so the lists could go stale). */
  clear(): void;
}

export function createDeviceListCache(): DeviceListCache {
  const lists = new Map<string, readonly DeviceId[]>();
  const asking = new Map<string, Promise<readonly DeviceId[]>>();
  // Bumped by every change; an answer is kept only if nothing changed while it travelled.
  const versions = new Map<string, number>();
  const versionOf = (jid: string) => versions.get(jid) ?? 0;
  const bump = (jid: string) => {
    versions.set(jid, versionOf(jid) + 1);
    asking.delete(jid);
  };

  return {
    get(jid, fetch) {
      const cached = lists.get(jid);
      if (cached !== undefined) return Promise.resolve(cached);
      const inFlight = asking.get(jid);
      if (inFlight !== undefined) return inFlight;
      const version = versionOf(jid);
      const request = fetch(jid).then(
        (devices) => {
          if (asking.get(jid) === request) asking.delete(jid);
          if (versionOf(jid) !== version) return lists.get(jid) ?? devices;
          lists.set(jid, devices);
          return devices;
        },
        (error: unknown) => {
          if (asking.get(jid) === request) asking.delete(jid);
          throw error;
        },
      );
      asking.set(jid, request);
      return request;
    },
    known: (jid) => lists.get(jid),
    set(jid, devices) {
      bump(jid);
      lists.set(jid, [...devices]);
    },
    forget(jid) {
      bump(jid);
      lists.delete(jid);
    },
    clear() {
      for (const jid of new Set([...lists.keys(), ...asking.keys()])) bump(jid);
      lists.clear();
    },
  };
}
