/**
 * The person's trust in each remote OMEMO device, kept with the keys (the same sealed KeyRecords table, kind
 * `device-trust`): trust is security state, so it is as crash-safe and as fail-closed as the keys themselves.
 * A record that does not decode is `corrupt-store`, never read as some default.
 */
import { DEVICE_TRUSTS, trustOnFirstSight, type DeviceTrust } from '../../app/domain/device-trust.js';
import { remoteDeviceKey } from './key-record-codec.js';
import { OmemoError } from './omemo-error.js';
import type { KeyRecords, RemoteDevice } from './omemo-key-store.js';
import { MAX_DEVICE_ID, type DeviceId } from './omemo-types.js';

export interface DeviceTrustRecord {
  readonly jid: string;
  readonly deviceId: DeviceId;
  readonly trust: DeviceTrust;
  /** When we first saw the device (ms since the epoch). */
  readonly firstSeen: number;
  /** When the trust last changed by the person's decision; null while it is what first sight gave. */
  readonly decidedAt: number | null;
}

export interface DeviceTrustStore {
  get(device: RemoteDevice): Promise<DeviceTrustRecord | undefined>;
  /** Every device of one account (bare JID), by device id. */
  ofAccount(jid: string): Promise<DeviceTrustRecord[]>;
  all(): Promise<DeviceTrustRecord[]>;
  /**
   * The device's record, made on first sight from the trust of the account's other devices
   * (`trustOnFirstSight`); an existing record is returned unchanged.
   */
  see(device: RemoteDevice): Promise<DeviceTrustRecord>;
  /** Records the person's decision. */
  decide(device: RemoteDevice, trust: DeviceTrust): Promise<DeviceTrustRecord>;
}

const corrupt = (why: string) => new OmemoError('corrupt-store', `The stored trust of a device cannot be read: ${why}.`);

function encodeRecord(record: DeviceTrustRecord): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(record), 'utf8'));
}

function decodeRecord(bytes: Uint8Array): DeviceTrustRecord {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw corrupt('it is not JSON');
  }
  const r = value as Partial<Record<keyof DeviceTrustRecord, unknown>> | null;
  if (typeof r !== 'object' || r === null) throw corrupt('it is not an object');
  if (typeof r.jid !== 'string' || r.jid.length === 0) throw corrupt('no account');
  if (typeof r.deviceId !== 'number' || !Number.isInteger(r.deviceId) || r.deviceId < 1 || r.deviceId > MAX_DEVICE_ID) throw corrupt('no device id');
  if (typeof r.trust !== 'string' || !(DEVICE_TRUSTS as readonly string[]).includes(r.trust)) throw corrupt('an unknown trust');
  if (typeof r.firstSeen !== 'number' || !Number.isSafeInteger(r.firstSeen)) throw corrupt('no first sight');
  if (r.decidedAt !== null && (typeof r.decidedAt !== 'number' || !Number.isSafeInteger(r.decidedAt))) throw corrupt('a bad decision time');
  return { jid: r.jid, deviceId: r.deviceId, trust: r.trust as DeviceTrust, firstSeen: r.firstSeen, decidedAt: r.decidedAt };
}

export function createDeviceTrustStore(records: KeyRecords, now: () => number): DeviceTrustStore {
  const byDevice = (a: DeviceTrustRecord, b: DeviceTrustRecord) => a.jid.localeCompare(b.jid) || a.deviceId - b.deviceId;
  const all = async () => (await records.list('device-trust')).map((r) => decodeRecord(r.value)).sort(byDevice);
  const get = async (device: RemoteDevice) => {
    const bytes = await records.get('device-trust', remoteDeviceKey(device));
    return bytes === undefined ? undefined : decodeRecord(bytes);
  };
  const ofAccount = async (jid: string) => (await all()).filter((r) => r.jid === jid);
  const put = async (record: DeviceTrustRecord) => {
    await records.put('device-trust', remoteDeviceKey(record), encodeRecord(record));
    return record;
  };
  return {
    get,
    ofAccount,
    all,
    async see(device) {
      const known = await get(device);
      if (known !== undefined) return known;
      const others = (await ofAccount(device.jid)).map((r) => r.trust);
      return put({ jid: device.jid, deviceId: device.deviceId, trust: trustOnFirstSight(others), firstSeen: now(), decidedAt: null });
    },
    async decide(device, trust) {
      const known = await get(device);
      return put({ jid: device.jid, deviceId: device.deviceId, trust, firstSeen: known?.firstSeen ?? now(), decidedAt: now() });
    },
  };
}
