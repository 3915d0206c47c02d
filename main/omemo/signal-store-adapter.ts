/**
 * The Signal library's `StorageType` over our key store, made for one remote device at a time.
 *
 * Why one device: the library asks `isTrustedIdentity` with the bare JID only, but OMEMO trusts each (JID,
 * device) on its own, so an adapter bound to the device it works on knows which identity is meant.
 *
 * Two decisions stay out of the library:
 * - trust: `isTrustedIdentity` asks the injected identity policy and remembers a refusal, so the cipher reports it
 *   as `identity-changed` / `untrusted-identity` (the library only says "Identity key changed", and in 0.0.16 it
 *   does not even await the check when it receives a pre-key message: the cipher checks that case itself first);
 * - remembering an identity key: the library saves it before the message it came with was authenticated (a
 *   forged pre-key message would pin a stranger's key) and, when sending, without awaiting the write. Here
 *   `saveIdentity` only notes the key; `commit()` writes it after the operation succeeded.
 */
import { SignalProtocolAddress, type Direction, type KeyPairType, type StorageType } from '@privacyresearch/libsignal-protocol-typescript';
import type { IdentityPolicy } from './identity-policy.js';
import { bytesEqual, fromArrayBuffer, toArrayBuffer } from './omemo-bytes.js';
import { OmemoError } from './omemo-error.js';
import type { KeyPairBytes, OmemoKeyStore, OwnDevice, RemoteDevice } from './omemo-key-store.js';

export interface IdentityRefusal {
  readonly kind: 'identity-changed' | 'untrusted-identity';
  readonly cause?: unknown;
}

export interface DeviceSignalStore {
  /** What SessionBuilder and SessionCipher are given for this remote device. */
  readonly storage: StorageType;
  readonly address: SignalProtocolAddress;
  /** Asks the identity policy about a key this device presents, as the library does; never rejects. */
  checkIdentity(identityKey: Uint8Array): Promise<boolean>;
  /** The first identity refusal of this operation, or null. */
  refusal(): IdentityRefusal | null;
  /** The ids of our one-time pre-keys the library consumed (removed) in this operation. */
  consumedPreKeys(): readonly number[];
  /** Writes the identity key the library asked to remember, once the operation has succeeded. */
  commit(): Promise<void>;
}

export interface SignalStoreDependencies {
  readonly store: OmemoKeyStore;
  readonly own: OwnDevice;
  readonly remote: RemoteDevice;
  readonly identityPolicy: IdentityPolicy;
}

const pairForLibrary = (pair: KeyPairBytes): KeyPairType => ({ pubKey: toArrayBuffer(pair.publicKey), privKey: toArrayBuffer(pair.privateKey) });
const pairFromLibrary = (pair: KeyPairType): KeyPairBytes => ({ publicKey: fromArrayBuffer(pair.pubKey), privateKey: fromArrayBuffer(pair.privKey) });

function keyIdOf(value: string | number | undefined | null): number | undefined {
  const id = typeof value === 'string' ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export function signalStoreFor({ store, own, remote, identityPolicy }: SignalStoreDependencies): DeviceSignalStore {
  const address = new SignalProtocolAddress(remote.jid, remote.deviceId);
  const encoded = address.toString();
  let refused: IdentityRefusal | null = null;
  let toRemember: Uint8Array | null = null;
  const consumed: number[] = [];

  const refuse = (refusal: IdentityRefusal) => {
    refused ??= refusal;
    return false;
  };

  /** Every session and identity call names the address; one for another device is a bug, never served. */
  const expectAddress = (given: string) => {
    if (given !== encoded) throw new OmemoError('invalid-input', `The Signal store for ${encoded} was asked about ${given}.`);
  };

  async function checkIdentity(identityKey: Uint8Array): Promise<boolean> {
    try {
      const known = await store.loadIdentity(remote);
      if (await identityPolicy(remote.jid, remote.deviceId, new Uint8Array(identityKey), known)) return true;
      return refuse({ kind: known !== undefined && !bytesEqual(known, identityKey) ? 'identity-changed' : 'untrusted-identity' });
    } catch (cause) {
      return refuse({ kind: 'untrusted-identity', cause });
    }
  }

  const storage: StorageType = {
    getIdentityKeyPair: async () => pairForLibrary(own.identityKeyPair),
    getLocalRegistrationId: async () => own.deviceId,

    isTrustedIdentity: async (identifier: string, identityKey: ArrayBuffer, _direction: Direction) => {
      if (identifier !== remote.jid) return refuse({ kind: 'untrusted-identity', cause: new Error(`asked about ${identifier}, bound to ${remote.jid}`) });
      return checkIdentity(fromArrayBuffer(identityKey));
    },
    saveIdentity: async (encodedAddress: string, publicKey: ArrayBuffer) => {
      expectAddress(encodedAddress);
      toRemember = fromArrayBuffer(publicKey);
      return false;
    },

    loadPreKey: async (keyId) => {
      const id = keyIdOf(keyId);
      const preKey = id === undefined ? undefined : await store.loadPreKey(id);
      return preKey && pairForLibrary(preKey.keyPair);
    },
    storePreKey: async (keyId, keyPair) => {
      const id = keyIdOf(keyId);
      if (id === undefined) throw new OmemoError('invalid-input', `Not a pre-key id: ${String(keyId)}.`);
      await store.savePreKey({ id, keyPair: pairFromLibrary(keyPair) });
    },
    removePreKey: async (keyId) => {
      const id = keyIdOf(keyId);
      if (id === undefined) return;
      await store.removePreKey(id);
      consumed.push(id);
    },

    loadSignedPreKey: async (keyId) => {
      const id = keyIdOf(keyId);
      const signed = id === undefined ? undefined : await store.loadSignedPreKey(id);
      return signed && pairForLibrary(signed.keyPair);
    },
    storeSignedPreKey: async () => {
      // The library's call carries no signature; signed pre-keys are made by omemo-device.ts.
      throw new OmemoError('invalid-input', 'Signed pre-keys are made by the OMEMO device, not stored through the Signal library.');
    },
    removeSignedPreKey: async (keyId) => {
      const id = keyIdOf(keyId);
      if (id !== undefined) await store.removeSignedPreKey(id);
    },

    loadSession: async (encodedAddress) => {
      expectAddress(encodedAddress);
      return store.loadSession(remote);
    },
    storeSession: async (encodedAddress, record) => {
      expectAddress(encodedAddress);
      await store.saveSession(remote, record);
    },
  };

  return {
    storage,
    address,
    checkIdentity,
    refusal: () => refused,
    consumedPreKeys: () => [...consumed],
    commit: async () => {
      if (refused !== null || toRemember === null) return;
      const key = toRemember;
      toRemember = null;
      const known = await store.loadIdentity(remote);
      if (known === undefined || !bytesEqual(known, key)) await store.saveIdentity(remote, key);
    },
  };
}
