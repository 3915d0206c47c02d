/**
 * What OMEMO keeps between runs, as the protocol needs it: our device (id and identity key pair), our signed
 * pre-keys and one-time pre-keys, one Signal session per remote device, and the identity key each remote device
 * showed us. Every operation is async so that a database can back it.
 *
 * The store is typed here, but it is built on `KeyRecords`: a table of (kind, key, value bytes) and nothing more,
 * which is what the encrypted-at-rest SQLite store will implement (it encrypts `value`; kinds and keys name
 * no secret). `key-record-codec.ts` turns each record into bytes; `memory-key-store.ts` is the Map for tests.
 */
import type { DeviceId } from './omemo-types.js';

export interface KeyPairBytes {
  /** 33 bytes, with the curve's 0x05 type byte. */
  readonly publicKey: Uint8Array;
  /** 32 bytes. */
  readonly privateKey: Uint8Array;
}

/** This account's own device on this installation. */
export interface OwnDevice {
  readonly deviceId: DeviceId;
  readonly identityKeyPair: KeyPairBytes;
}

export interface StoredPreKey {
  readonly id: number;
  readonly keyPair: KeyPairBytes;
}

export interface StoredSignedPreKey extends StoredPreKey {
  /** The identity key's signature over the public key (64 bytes). */
  readonly signature: Uint8Array;
  /** When it was made (ms since the epoch, from the injected clock). */
  readonly createdAt: number;
  /** When a newer signed pre-key replaced it in the bundle; null for the one the bundle publishes. */
  readonly retiredAt: number | null;
}

/** A remote device: the account's bare JID and the device's id (the Signal address). */
export interface RemoteDevice {
  readonly jid: string;
  readonly deviceId: DeviceId;
}

export interface OmemoKeyStore {
  loadOwnDevice(): Promise<OwnDevice | undefined>;
  saveOwnDevice(device: OwnDevice): Promise<void>;

  loadPreKey(id: number): Promise<StoredPreKey | undefined>;
  listPreKeys(): Promise<StoredPreKey[]>;
  savePreKey(preKey: StoredPreKey): Promise<void>;
  removePreKey(id: number): Promise<void>;
  /** The highest pre-key id ever handed out (0 before the first), so that a consumed id is never reused. */
  loadLastPreKeyId(): Promise<number>;
  saveLastPreKeyId(id: number): Promise<void>;

  loadSignedPreKey(id: number): Promise<StoredSignedPreKey | undefined>;
  listSignedPreKeys(): Promise<StoredSignedPreKey[]>;
  saveSignedPreKey(signedPreKey: StoredSignedPreKey): Promise<void>;
  removeSignedPreKey(id: number): Promise<void>;

  /** The library's serialized session record for one remote device (opaque text). */
  loadSession(device: RemoteDevice): Promise<string | undefined>;
  saveSession(device: RemoteDevice, record: string): Promise<void>;
  removeSession(device: RemoteDevice): Promise<void>;

  /** The identity key (33 bytes) a remote device showed when we first trusted it. */
  loadIdentity(device: RemoteDevice): Promise<Uint8Array | undefined>;
  saveIdentity(device: RemoteDevice, identityKey: Uint8Array): Promise<void>;
}

export type KeyRecordKind = 'own-device' | 'pre-key' | 'last-pre-key-id' | 'signed-pre-key' | 'session' | 'identity' | 'device-trust';

/** One table of (kind, key, value): all a backing store has to provide. Values are copied in and out. */
export interface KeyRecords {
  get(kind: KeyRecordKind, key: string): Promise<Uint8Array | undefined>;
  put(kind: KeyRecordKind, key: string, value: Uint8Array): Promise<void>;
  delete(kind: KeyRecordKind, key: string): Promise<void>;
  list(kind: KeyRecordKind): Promise<Array<{ readonly key: string; readonly value: Uint8Array }>>;
}
