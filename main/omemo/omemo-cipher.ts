/**
 * Encrypting and decrypting OMEMO messages (axolotl version) with the Signal sessions of our device.
 *
 * Sending: the body is sealed once (omemo-payload.ts) and its key material is encrypted through the session with
 * each recipient device; a device without a session gets one opened from its published bundle. A device that
 * cannot be reached (no session and no bundle, a refused identity, a bundle that does not verify) is reported in
 * `failed` with a typed reason, never left out silently.
 *
 * Receiving: the key for our device id is decrypted through the session with the sending device (a pre-key
 * message opens one, consuming one of our pre-keys: `usedPreKey` tells the caller to replenish and republish),
 * then the payload is opened. Every refusal is an OmemoError with a kind (omemo-error.ts).
 *
 * Each (JID, device) is worked on by one operation at a time (keyed-queue.ts). JIDs are compared as given: the
 * caller passes canonical bare JIDs (app/domain/address).
 */
import { randomInt } from 'node:crypto';
import { SessionBuilder, SessionCipher, type DeviceType } from '@privacyresearch/libsignal-protocol-typescript';
import { blindTrustBeforeVerification, type IdentityPolicy } from './identity-policy.js';
import { createKeyedQueue } from './keyed-queue.js';
import { fromArrayBuffer, fromBinaryString, toArrayBuffer } from './omemo-bytes.js';
import { OmemoError, type OmemoErrorKind } from './omemo-error.js';
import type { OmemoKeyStore, OwnDevice, RemoteDevice } from './omemo-key-store.js';
import { keyTransportMaterial, openPayload, sealPayload } from './omemo-payload.js';
import type { DeviceId, EncryptedMessage, KeyForDevice, PublicBundle } from './omemo-types.js';
import { preKeyMessageIdentityKey } from './prekey-message.js';
import { trimSessionLockBacklog } from './session-lock-trim.js';
import { signalStoreFor, type DeviceSignalStore, type IdentityRefusal } from './signal-store-adapter.js';

export interface Recipient {
  /** The account's bare JID, canonical. */
  readonly jid: string;
  readonly deviceId: DeviceId;
  /** The device's published bundle: used when there is no session with it (or `newSession` asks for one). */
  readonly bundle?: PublicBundle;
  /** Open a new session from `bundle` even when one exists: how a broken session is repaired. */
  readonly newSession?: boolean;
}

export interface DeliveredKey {
  readonly jid: string;
  readonly deviceId: DeviceId;
  /** True when the key went as a pre-key message (the session is not confirmed by the recipient yet). */
  readonly prekey: boolean;
}

export interface FailedRecipient {
  readonly jid: string;
  readonly deviceId: DeviceId;
  /** `no-session` (no session and no bundle), `identity-changed`, `untrusted-identity`, `bad-bundle`, `invalid-input` (our own device). */
  readonly reason: OmemoErrorKind;
  readonly error: OmemoError;
}

export interface EncryptResult {
  readonly message: EncryptedMessage;
  /** The devices that got a key, in the order given. */
  readonly delivered: readonly DeliveredKey[];
  readonly failed: readonly FailedRecipient[];
}

export interface DecryptResult {
  /** The body; null for a key-transport message (it only set up or advanced the session). */
  readonly plaintext: string | null;
  /** One of our one-time pre-keys was consumed: replenish and publish the new bundle. */
  readonly usedPreKey: boolean;
}

export interface OmemoCipher {
  encrypt(plaintext: string, recipients: readonly Recipient[]): Promise<EncryptResult>;
  /** A message without payload: opens (or advances) the sessions with these devices, e.g. to repair a broken one. */
  encryptKeyTransport(recipients: readonly Recipient[]): Promise<EncryptResult>;
  /** `from`: the sender's bare JID (canonical). */
  decrypt(from: string, message: EncryptedMessage): Promise<DecryptResult>;
}

export interface OmemoCipherDependencies {
  readonly store: OmemoKeyStore;
  /** Our account's bare JID (canonical): a recipient with it and our device id is ourselves. */
  readonly ownJid: string;
  /** Defaults to blind trust before verification (identity-policy.ts). */
  readonly identityPolicy?: IdentityPolicy;
  /** Which of a bundle's `count` pre-keys to use; random by default (XEP-0384: pick one at random). */
  readonly pickPreKey?: (count: number) => number;
}

const PRE_KEY_WHISPER_MESSAGE = 3;
const PUBLIC_KEY_BYTES = 33;
const SIGNATURE_BYTES = 64;

const deviceName = (device: RemoteDevice) => `${device.jid} (device ${device.deviceId})`;

function identityError(refusal: IdentityRefusal, device: RemoteDevice): OmemoError {
  const message =
    refusal.kind === 'identity-changed'
      ? `${deviceName(device)} presented another identity key than before; it is refused until the change is confirmed.`
      : `The identity key of ${deviceName(device)} is not trusted.`;
  return new OmemoError(refusal.kind, message, refusal.cause === undefined ? undefined : { cause: refusal.cause });
}

function validPublicKey(key: Uint8Array): boolean {
  return key.byteLength === PUBLIC_KEY_BYTES && key[0] === 0x05;
}

const validKeyId = (id: number) => Number.isSafeInteger(id) && id > 0;

function deviceFromBundle(remote: RemoteDevice, bundle: PublicBundle, pickPreKey: (count: number) => number): DeviceType {
  const { identityKey, signedPreKey, preKeys } = bundle;
  const sound =
    validPublicKey(identityKey) &&
    validKeyId(signedPreKey.id) &&
    validPublicKey(signedPreKey.publicKey) &&
    signedPreKey.signature.byteLength === SIGNATURE_BYTES &&
    preKeys.every((key) => validKeyId(key.id) && validPublicKey(key.publicKey));
  if (!sound) throw new OmemoError('bad-bundle', `The bundle of ${deviceName(remote)} holds keys of the wrong size or type.`);
  const preKey = preKeys.length === 0 ? undefined : preKeys[pickPreKey(preKeys.length)];
  return {
    registrationId: remote.deviceId,
    identityKey: toArrayBuffer(identityKey),
    signedPreKey: { keyId: signedPreKey.id, publicKey: toArrayBuffer(signedPreKey.publicKey), signature: toArrayBuffer(signedPreKey.signature) },
    ...(preKey === undefined ? {} : { preKey: { keyId: preKey.id, publicKey: toArrayBuffer(preKey.publicKey) } }),
  };
}

export function createOmemoCipher({
  store,
  ownJid,
  identityPolicy = blindTrustBeforeVerification,
  pickPreKey = (count) => randomInt(0, count),
}: OmemoCipherDependencies): OmemoCipher {
  const queue = createKeyedQueue();
  const queueKey = (device: RemoteDevice) => `${device.jid}/${device.deviceId}`;
  /** One operation on one device's session; afterwards the library's never-emptied lock lists are trimmed (session-lock-trim.ts). */
  const onSession = <T>(remote: RemoteDevice, job: () => Promise<T>): Promise<T> =>
    queue.run(queueKey(remote), async () => {
      try {
        return await job();
      } finally {
        trimSessionLockBacklog();
      }
    });

  async function ownDevice(): Promise<OwnDevice> {
    const own = await store.loadOwnDevice();
    if (own === undefined) throw new OmemoError('no-device', 'This account has no OMEMO device yet.');
    return own;
  }

  /**
   * One library step, its failure told as an OmemoError: an identity refusal first (the library's own error says
   * little), then our own errors as they are, and anything else as `kind` with a fixed message (the library's
   * messages are not written for people, and none of them is passed on).
   */
  async function step<T>(signal: DeviceSignalStore, remote: RemoteDevice, kind: OmemoErrorKind, what: string, run: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await run();
    } catch (cause) {
      const refusal = signal.refusal();
      if (refusal !== null) throw identityError(refusal, remote);
      if (cause instanceof OmemoError) throw cause;
      throw new OmemoError(kind, `${what} ${deviceName(remote)} failed.`, { cause });
    }
    const refusal = signal.refusal();
    if (refusal !== null) throw identityError(refusal, remote);
    return result;
  }

  function keyFor(own: OwnDevice, recipient: Recipient, keyMaterial: Uint8Array): Promise<KeyForDevice> {
    const remote: RemoteDevice = { jid: recipient.jid, deviceId: recipient.deviceId };
    return onSession(remote, async () => {
      const signal = signalStoreFor({ store, own, remote, identityPolicy });
      const cipher = new SessionCipher(signal.storage, signal.address);
      const open = await step(signal, remote, 'no-session', 'Reading the session with', async () => (await store.loadSession(remote)) !== undefined && (await cipher.hasOpenSession()));
      if (!open || recipient.newSession === true) {
        if (recipient.bundle === undefined) {
          const why = open ? 'a new session was asked for without its bundle' : 'there is no session with it and no bundle to open one';
          throw new OmemoError('no-session', `${deviceName(remote)} cannot be encrypted to: ${why}.`);
        }
        const device = deviceFromBundle(remote, recipient.bundle, pickPreKey);
        await step(signal, remote, 'bad-bundle', 'Opening a session from the bundle of', () => new SessionBuilder(signal.storage, signal.address).processPreKey(device));
        await signal.commit();
      }
      const sent = await step(signal, remote, 'no-session', 'Encrypting through the session with', () => cipher.encrypt(toArrayBuffer(keyMaterial)));
      await signal.commit();
      if (sent.body === undefined) throw new OmemoError('no-session', `Encrypting through the session with ${deviceName(remote)} gave nothing.`);
      return { rid: remote.deviceId, prekey: sent.type === PRE_KEY_WHISPER_MESSAGE, data: fromBinaryString(sent.body) };
    });
  }

  async function encryptFor(recipients: readonly Recipient[], keyMaterial: Uint8Array, iv: Uint8Array, payload?: Uint8Array): Promise<EncryptResult> {
    const own = await ownDevice();
    const unique = [...new Map(recipients.map((recipient) => [queueKey(recipient), recipient])).values()];
    const outcomes = await Promise.all(
      unique.map(async (recipient) => {
        if (recipient.jid === ownJid && recipient.deviceId === own.deviceId) {
          return { recipient, error: new OmemoError('invalid-input', 'This device does not encrypt to itself.') };
        }
        try {
          return { recipient, key: await keyFor(own, recipient, keyMaterial) };
        } catch (error) {
          if (!(error instanceof OmemoError)) throw error;
          return { recipient, error };
        }
      }),
    );
    const keys: KeyForDevice[] = [];
    const delivered: DeliveredKey[] = [];
    const failed: FailedRecipient[] = [];
    for (const { recipient, key, error } of outcomes) {
      const { jid, deviceId } = recipient;
      if (key !== undefined) {
        keys.push(key);
        delivered.push({ jid, deviceId, prekey: key.prekey });
      } else if (error !== undefined) {
        failed.push({ jid, deviceId, reason: error.kind, error });
      }
    }
    const message: EncryptedMessage = payload === undefined ? { sid: own.deviceId, keys, iv } : { sid: own.deviceId, keys, iv, payload };
    return { message, delivered, failed };
  }

  async function decryptKey(own: OwnDevice, remote: RemoteDevice, key: KeyForDevice): Promise<{ keyMaterial: Uint8Array; usedPreKey: boolean }> {
    return onSession(remote, async () => {
      const signal = signalStoreFor({ store, own, remote, identityPolicy });
      const cipher = new SessionCipher(signal.storage, signal.address);
      let plain: ArrayBuffer;
      if (key.prekey) {
        // The library does not await its own trust check for a pre-key message: ask the policy first.
        if (!(await signal.checkIdentity(preKeyMessageIdentityKey(key.data)))) throw identityError(signal.refusal() ?? { kind: 'untrusted-identity' }, remote);
        plain = await step(signal, remote, 'bad-message', 'Decrypting the pre-key message from', () => cipher.decryptPreKeyWhisperMessage(toArrayBuffer(key.data), 'binary'));
      } else {
        if ((await store.loadSession(remote)) === undefined) {
          throw new OmemoError('no-session', `There is no session with ${deviceName(remote)}: it must be opened again.`);
        }
        plain = await step(signal, remote, 'bad-message', 'Decrypting the message from', () => cipher.decryptWhisperMessage(toArrayBuffer(key.data), 'binary'));
      }
      await signal.commit();
      return { keyMaterial: fromArrayBuffer(plain), usedPreKey: signal.consumedPreKeys().length > 0 };
    });
  }

  return {
    async encrypt(plaintext, recipients) {
      const sealed = sealPayload(plaintext);
      return encryptFor(recipients, sealed.keyMaterial, sealed.iv, sealed.payload);
    },

    async encryptKeyTransport(recipients) {
      const transport = keyTransportMaterial();
      return encryptFor(recipients, transport.keyMaterial, transport.iv);
    },

    async decrypt(from, message) {
      const own = await ownDevice();
      const key = message.keys.find((candidate) => candidate.rid === own.deviceId);
      if (key === undefined) throw new OmemoError('not-for-this-device', `The message from ${from} was not encrypted for this device (${own.deviceId}).`);
      const { keyMaterial, usedPreKey } = await decryptKey(own, { jid: from, deviceId: message.sid }, key);
      if (message.payload === undefined) return { plaintext: null, usedPreKey };
      return { plaintext: openPayload(keyMaterial, message.iv, message.payload), usedPreKey };
    },
  };
}
