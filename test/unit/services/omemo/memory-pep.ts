/**
 * A PEP service in memory for the unit tests of one account's OMEMO: device lists and bundles per account, and
 * a notification to every connected client when a list changes (what Prosody does for clients whose caps ask
 * for it). The real PEP client against a real Prosody is in test/integration/xmpp/omemo/.
 */
import type { DeviceId, PublicBundle } from '../../../../main/omemo/omemo-types.js';
import type { OmemoPepClient } from '../../../../main/services/omemo/omemo-pep-client.js';

type Listener = (event: { readonly jid: string; readonly devices: readonly DeviceId[] }) => void;

export interface MemoryPepServer {
  readonly lists: Map<string, readonly DeviceId[]>;
  readonly bundles: Map<string, PublicBundle>;
  /** Every publish, in order: `list <jid> <ids>` or `bundle <jid> <id>`. */
  readonly published: string[];
  /** A client of `jid`'s account. */
  client(jid: string): OmemoPepClient;
  /** Resolves at the next publish (from now on) whose line matches: ask before the action that publishes. */
  nextPublish(matches: (line: string) => boolean): Promise<string>;
}

export function createMemoryPepServer(): MemoryPepServer {
  const lists = new Map<string, readonly DeviceId[]>();
  const bundles = new Map<string, PublicBundle>();
  const published: string[] = [];
  const listeners = new Set<Listener>();
  const waiters: Array<{ matches: (line: string) => boolean; resolve: (line: string) => void }> = [];

  const record = (line: string) => {
    published.push(line);
    for (const waiter of [...waiters]) {
      if (!waiter.matches(line)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };

  return {
    lists,
    bundles,
    published,
    client(jid) {
      return {
        on(_event, listener) {
          const entry = listener as Listener;
          listeners.add(entry);
          return () => {
            listeners.delete(entry);
          };
        },
        async publishDeviceList(ids) {
          lists.set(jid, [...ids]);
          record(`list ${jid} ${ids.join(',')}`);
          for (const listener of [...listeners]) listener({ jid, devices: [...ids] });
        },
        async publishBundle(deviceId, bundle) {
          bundles.set(`${jid}/${deviceId}`, bundle);
          record(`bundle ${jid} ${deviceId}`);
        },
        async fetchDeviceList(bareJid) {
          return { ok: true, value: lists.get(bareJid) ?? [], ignored: [] };
        },
        async fetchBundle(bareJid, deviceId) {
          const bundle = bundles.get(`${bareJid}/${deviceId}`);
          return bundle === undefined ? null : { ok: true, value: bundle, ignored: [] };
        },
      };
    },
    nextPublish(matches) {
      return new Promise((resolve) => waiters.push({ matches, resolve }));
    },
  };
}
