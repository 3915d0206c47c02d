/**
 * The typed OMEMO key store on top of a (kind, key, value bytes) table (see omemo-key-store.ts): this is what lets
 * the in-memory store for tests and the later SQLite store share every line that knows what a record means.
 */
import {
  decodeCounter,
  decodeIdentityKey,
  decodeOwnDevice,
  decodePreKey,
  decodeSignedPreKey,
  decodeText,
  encodeCounter,
  encodeOwnDevice,
  encodePreKey,
  encodeSignedPreKey,
  encodeText,
  remoteDeviceKey,
} from './key-record-codec.js';
import type { KeyRecords, OmemoKeyStore } from './omemo-key-store.js';

const ONLY = 'own';

export function keyStoreOnRecords(records: KeyRecords): OmemoKeyStore {
  const maybe = async <T>(value: Promise<Uint8Array | undefined>, decodeValue: (bytes: Uint8Array) => T): Promise<T | undefined> => {
    const bytes = await value;
    return bytes === undefined ? undefined : decodeValue(bytes);
  };
  const byId = <T extends { readonly id: number }>(list: T[]) => list.sort((a, b) => a.id - b.id);

  return {
    loadOwnDevice: () => maybe(records.get('own-device', ONLY), decodeOwnDevice),
    saveOwnDevice: (device) => records.put('own-device', ONLY, encodeOwnDevice(device)),

    loadPreKey: (id) => maybe(records.get('pre-key', String(id)), decodePreKey),
    listPreKeys: async () => byId((await records.list('pre-key')).map((record) => decodePreKey(record.value))),
    savePreKey: (preKey) => records.put('pre-key', String(preKey.id), encodePreKey(preKey)),
    removePreKey: (id) => records.delete('pre-key', String(id)),
    loadLastPreKeyId: async () => (await maybe(records.get('last-pre-key-id', ONLY), decodeCounter)) ?? 0,
    saveLastPreKeyId: (id) => records.put('last-pre-key-id', ONLY, encodeCounter(id)),

    loadSignedPreKey: (id) => maybe(records.get('signed-pre-key', String(id)), decodeSignedPreKey),
    listSignedPreKeys: async () => byId((await records.list('signed-pre-key')).map((record) => decodeSignedPreKey(record.value))),
    saveSignedPreKey: (key) => records.put('signed-pre-key', String(key.id), encodeSignedPreKey(key)),
    removeSignedPreKey: (id) => records.delete('signed-pre-key', String(id)),

    loadSession: (device) => maybe(records.get('session', remoteDeviceKey(device)), (bytes) => decodeText(bytes, 'session')),
    saveSession: (device, record) => records.put('session', remoteDeviceKey(device), encodeText(record)),
    removeSession: (device) => records.delete('session', remoteDeviceKey(device)),

    loadIdentity: (device) => maybe(records.get('identity', remoteDeviceKey(device)), decodeIdentityKey),
    saveIdentity: (device, identityKey) => records.put('identity', remoteDeviceKey(device), new Uint8Array(identityKey)),
  };
}
