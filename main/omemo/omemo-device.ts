/**
 * Our own OMEMO device: made once per account and installation (a random device id, an identity key pair, signed
 * pre-key 1 and 100 one-time pre-keys), what it publishes (the bundle), the pre-keys topped up after others used
 * some, and the signed pre-key rotated with a grace period for messages already on their way.
 */
import { randomInt } from 'node:crypto';
import { KeyHelper, type KeyPairType } from '@privacyresearch/libsignal-protocol-typescript';
import { MAX_KEY_ID } from './key-record-codec.js';
import { fromArrayBuffer, toArrayBuffer } from './omemo-bytes.js';
import { OmemoError } from './omemo-error.js';
import type { KeyPairBytes, OmemoKeyStore, OwnDevice, StoredSignedPreKey } from './omemo-key-store.js';
import { MAX_DEVICE_ID, type DeviceId, type PublicBundle } from './omemo-types.js';

/** How many one-time pre-keys a bundle offers (what Conversations, Dino and Gajim publish). */
export const PRE_KEY_COUNT = 100;
/** How long a replaced signed pre-key still opens sessions: messages built from the old bundle may be in flight or offline. */
export const SIGNED_PRE_KEY_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

export interface OmemoDeviceDependencies {
  readonly store: OmemoKeyStore;
  /** ms since the epoch; the signed pre-keys' ages are measured with it. */
  readonly now: () => number;
  /** A device id in 1 … 2^31 − 1; random by default. */
  readonly newDeviceId?: () => DeviceId;
  readonly signedPreKeyGraceMs?: number;
}

export interface OmemoDevice {
  /** Our device, made and stored on first use. `taken`: ids the account's device list already holds, never chosen. */
  setUp(taken?: readonly DeviceId[]): Promise<OwnDevice>;
  /** What to publish: identity key, the current signed pre-key and every one-time pre-key we hold. */
  bundle(): Promise<PublicBundle>;
  /** Tops the one-time pre-keys up to PRE_KEY_COUNT with ids never used before; true when the bundle must be republished. */
  replenish(): Promise<boolean>;
  /** When the published signed pre-key was made (ms since the epoch; kept in the key store with the key). */
  signedPreKeyCreatedAt(): Promise<number>;
  /** Makes signed pre-key n+1 the published one; the previous one stays for the grace period. Returns the new id. */
  rotateSignedPreKey(): Promise<number>;
  /** Forgets replaced signed pre-keys whose grace period is over; returns their ids. */
  dropExpiredSignedPreKeys(): Promise<number[]>;
}

const randomDeviceId = () => randomInt(1, MAX_DEVICE_ID + 1);
const bytesOf = (pair: KeyPairType): KeyPairBytes => ({ publicKey: fromArrayBuffer(pair.pubKey), privateKey: fromArrayBuffer(pair.privKey) });
const forLibrary = (pair: KeyPairBytes): KeyPairType => ({ pubKey: toArrayBuffer(pair.publicKey), privKey: toArrayBuffer(pair.privateKey) });

/** The next id after `last` in 1 … MAX_KEY_ID, wrapping around after the last one. */
const nextKeyId = (last: number) => (last % MAX_KEY_ID) + 1;

export function createOmemoDevice({ store, now, newDeviceId = randomDeviceId, signedPreKeyGraceMs = SIGNED_PRE_KEY_GRACE_MS }: OmemoDeviceDependencies): OmemoDevice {
  async function ownDevice(): Promise<OwnDevice> {
    const own = await store.loadOwnDevice();
    if (own === undefined) throw new OmemoError('no-device', 'This account has no OMEMO device yet.');
    return own;
  }

  async function makeSignedPreKey(own: OwnDevice, id: number): Promise<StoredSignedPreKey> {
    const signed = await KeyHelper.generateSignedPreKey(forLibrary(own.identityKeyPair), id);
    const key: StoredSignedPreKey = { id, keyPair: bytesOf(signed.keyPair), signature: fromArrayBuffer(signed.signature), createdAt: now(), retiredAt: null };
    await store.saveSignedPreKey(key);
    return key;
  }

  async function currentSignedPreKey(): Promise<StoredSignedPreKey> {
    // The newest one not retired (two only after a crash inside rotateSignedPreKey: the newer one wins).
    const current = (await store.listSignedPreKeys())
      .filter((key) => key.retiredAt === null)
      .reduce<StoredSignedPreKey | undefined>((newest, key) => (newest === undefined || key.createdAt >= newest.createdAt ? key : newest), undefined);
    if (current === undefined) throw new OmemoError('no-device', 'This OMEMO device has no signed pre-key.');
    return current;
  }

  async function replenish(): Promise<boolean> {
    const held = new Set((await store.listPreKeys()).map((key) => key.id));
    let last = await store.loadLastPreKeyId();
    let added = 0;
    while (held.size < PRE_KEY_COUNT) {
      last = nextKeyId(last);
      if (held.has(last)) continue; // only after wrapping around: a key still offered keeps its id
      const preKey = await KeyHelper.generatePreKey(last);
      await store.savePreKey({ id: last, keyPair: bytesOf(preKey.keyPair) });
      held.add(last);
      added++;
    }
    if (added > 0) await store.saveLastPreKeyId(last);
    return added > 0;
  }

  async function dropExpiredSignedPreKeys(): Promise<number[]> {
    const expired = (await store.listSignedPreKeys()).filter((key) => key.retiredAt !== null && now() - key.retiredAt >= signedPreKeyGraceMs);
    for (const key of expired) await store.removeSignedPreKey(key.id);
    return expired.map((key) => key.id);
  }

  return {
    async setUp(taken = []) {
      const existing = await store.loadOwnDevice();
      if (existing !== undefined) return existing;
      let deviceId = newDeviceId();
      for (let tries = 0; taken.includes(deviceId); tries++) {
        if (tries > 100) throw new OmemoError('invalid-input', 'No free OMEMO device id could be drawn.');
        deviceId = newDeviceId();
      }
      if (!Number.isSafeInteger(deviceId) || deviceId < 1 || deviceId > MAX_DEVICE_ID) throw new OmemoError('invalid-input', `Not an OMEMO device id: ${deviceId}.`);
      const identity = await KeyHelper.generateIdentityKeyPair();
      const own: OwnDevice = { deviceId, identityKeyPair: bytesOf(identity) };
      // The keys first and the device last: a crash in between leaves no device, so the next start makes it again.
      await makeSignedPreKey(own, 1);
      await replenish();
      await store.saveOwnDevice(own);
      return own;
    },

    async bundle() {
      const own = await ownDevice();
      const signed = await currentSignedPreKey();
      return {
        identityKey: own.identityKeyPair.publicKey,
        signedPreKey: { id: signed.id, publicKey: signed.keyPair.publicKey, signature: signed.signature },
        preKeys: (await store.listPreKeys()).map((key) => ({ id: key.id, publicKey: key.keyPair.publicKey })),
      };
    },

    replenish,

    signedPreKeyCreatedAt: async () => (await currentSignedPreKey()).createdAt,

    async rotateSignedPreKey() {
      const own = await ownDevice();
      const previous = await currentSignedPreKey();
      const all = await store.listSignedPreKeys();
      let id = nextKeyId(previous.id);
      // Only after wrapping around can the next id still be held (in its grace period): skip it.
      while (all.some((key) => key.id === id)) id = nextKeyId(id);
      await makeSignedPreKey(own, id);
      for (const key of all) if (key.retiredAt === null) await store.saveSignedPreKey({ ...key, retiredAt: now() });
      await dropExpiredSignedPreKeys();
      return id;
    },

    dropExpiredSignedPreKeys,
  };
}
