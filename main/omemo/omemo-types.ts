/**
 * OMEMO as the clients in use speak it (XEP-0384 in its `eu.siacs.conversations.axolotl` version, which
 * Conversations, Dino, Gajim and Monal interoperate on): what a device publishes and what an encrypted message
 * carries, as both the cryptography (main/omemo/) and the wire format (main/xmpp/features/omemo/) see it. Bytes
 * are bytes here; base64 belongs to the wire.
 */

/** A device's id: a random integer in 1 … 2^31 − 1, unique per account (XEP-0384 §5.2). */
export type DeviceId = number;

export const MAX_DEVICE_ID = 0x7fffffff;

/** A one-time pre-key as published: its id and public key (33 bytes, with the curve's 0x05 type byte). */
export interface PublicPreKey {
  readonly id: number;
  readonly publicKey: Uint8Array;
}

/** A signed pre-key as published: a pre-key with the identity key's signature over it. */
export interface PublicSignedPreKey extends PublicPreKey {
  readonly signature: Uint8Array;
}

/** What one device publishes so that others can open a session with it without it being online. */
export interface PublicBundle {
  /** The device's identity key, 33 bytes with the 0x05 type byte, as the axolotl version publishes it. */
  readonly identityKey: Uint8Array;
  readonly signedPreKey: PublicSignedPreKey;
  readonly preKeys: readonly PublicPreKey[];
}

/** The message key, encrypted for one recipient device through its Signal session. */
export interface KeyForDevice {
  readonly rid: DeviceId;
  /** True when `data` is a pre-key message, which opens a new session on the recipient. */
  readonly prekey: boolean;
  readonly data: Uint8Array;
}

/** An `<encrypted/>` element's content. Without a payload it is a key-transport message (session set-up only). */
export interface EncryptedMessage {
  /** The sending device. */
  readonly sid: DeviceId;
  readonly keys: readonly KeyForDevice[];
  readonly iv: Uint8Array;
  readonly payload?: Uint8Array;
}
