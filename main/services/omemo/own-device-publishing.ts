/**
 * Our own device on the server: made once beside the ids our account already lists (a clash would make two
 * installations one device to everyone else), our id added to the published device list with the other
 * clients' ids kept, and our bundle published so that others can open sessions with us while we are offline.
 * The bundle goes first: a client that sees our id in the list fetches the bundle next. Each session's bundle
 * carries a signed pre-key less than a week old (signed-prekey-schedule.ts).
 */
import type { OmemoDevice } from '../../omemo/omemo-device.js';
import type { OwnDevice } from '../../omemo/omemo-key-store.js';
import type { DeviceId } from '../../omemo/omemo-types.js';
import type { FeatureLog } from '../../xmpp/features/feature-deps.js';
import type { OmemoPepClient } from './omemo-pep-client.js';
import { listWithOwnDevice } from './own-device-list.js';

export interface OwnDevicePublishingDependencies {
  readonly device: OmemoDevice;
  /** Our account's bare JID (canonical). */
  readonly ownJid: string;
  readonly log: FeatureLog;
  /** Before each session's bundle: replaces an old signed pre-key (signed-prekey-schedule.ts). */
  readonly keepSignedPreKeyFresh: () => Promise<void>;
}

export interface PublishedOwnDevice {
  readonly own: OwnDevice;
  /** Our account's device list as it now stands on the server. */
  readonly devices: readonly DeviceId[];
}

export interface OwnDevicePublishing {
  /** On each new session: our device set up (once), our bundle published, our id in the list. */
  publish(pep: OmemoPepClient): Promise<PublishedOwnDevice>;
  /**
   * Our account's list as the server announced it: when another client removed our id, it is put back.
   * Returns the list as it stands afterwards. `own`: our device (nothing is done before it exists).
   */
  ownListAnnounced(pep: OmemoPepClient, own: OwnDevice, devices: readonly DeviceId[]): Promise<readonly DeviceId[]>;
  /** One of our pre-keys was used: top them up and publish the bundle again. */
  republishBundle(pep: OmemoPepClient, own: OwnDevice): Promise<void>;
}

export function createOwnDevicePublishing({ device, ownJid, log, keepSignedPreKeyFresh }: OwnDevicePublishingDependencies): OwnDevicePublishing {
  async function publishBundle(pep: OmemoPepClient, own: OwnDevice): Promise<void> {
    await device.replenish();
    await pep.publishBundle(own.deviceId, await device.bundle());
  }

  async function ensureListed(pep: OmemoPepClient, own: OwnDevice, devices: readonly DeviceId[]): Promise<readonly DeviceId[]> {
    const list = listWithOwnDevice(devices, own.deviceId);
    if (list === null) return devices;
    await pep.publishDeviceList(list);
    return list;
  }

  return {
    async publish(pep) {
      const published = await pep.fetchDeviceList(ownJid);
      // An unreadable list of our own names no device we could keep: ours alone replaces it.
      if (!published.ok) log({ feature: 'omemo', reason: `our own device list was refused (${published.problem.kind}); it is replaced`, from: ownJid });
      const listed = published.ok ? published.value : [];
      const own = await device.setUp(listed);
      // The bundle published next carries the new signed pre-key when the old one was due.
      await keepSignedPreKeyFresh();
      await publishBundle(pep, own);
      return { own, devices: await ensureListed(pep, own, listed) };
    },

    async ownListAnnounced(pep, own, devices) {
      if (!devices.includes(own.deviceId)) log({ feature: 'omemo', reason: 'our device was removed from our device list by another client; it is put back', from: ownJid });
      return ensureListed(pep, own, devices);
    },

    republishBundle: publishBundle,
  };
}
