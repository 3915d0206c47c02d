/**
 * Each stored OMEMO record as bytes: UTF-8 JSON with base64 for key material, small and easy to inspect once
 * decrypted. Decoding checks every field's type and every key's length, and refuses a record that does not fit
 * with `corrupt-store`: a damaged store never yields a half-read key.
 */
import { MAX_DEVICE_ID } from './omemo-types.js';
import type { KeyPairBytes, OwnDevice, RemoteDevice, StoredPreKey, StoredSignedPreKey } from './omemo-key-store.js';
import { OmemoError } from './omemo-error.js';

const PUBLIC_KEY_BYTES = 33;
const PRIVATE_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
/** Pre-key and signed pre-key ids are 24-bit in libsignal's wire format (Medium.MAX_VALUE). */
export const MAX_KEY_ID = 0xffffff;

type Json = Record<string, unknown>;

function encode(value: Json): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
}

function decode(bytes: Uint8Array, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw corrupt(what, 'it is not JSON', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(what, 'it is not an object');
  return value as Json;
}

function corrupt(what: string, why: string, cause?: unknown): OmemoError {
  return new OmemoError('corrupt-store', `The stored ${what} cannot be read: ${why}.`, cause === undefined ? undefined : { cause });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function bytesField(record: Json, field: string, length: number, what: string): Uint8Array {
  const value = record[field];
  if (typeof value !== 'string') throw corrupt(what, `${field} is missing`);
  const bytes = new Uint8Array(Buffer.from(value, 'base64'));
  if (bytes.byteLength !== length || Buffer.from(bytes).toString('base64') !== value) throw corrupt(what, `${field} is not ${length} bytes of base64`);
  return bytes;
}

function intField(record: Json, field: string, min: number, max: number, what: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) throw corrupt(what, `${field} is not a whole number in ${min}…${max}`);
  return value;
}

function keyPairFields(pair: KeyPairBytes): Json {
  return { publicKey: b64(pair.publicKey), privateKey: b64(pair.privateKey) };
}

function keyPairOf(record: Json, what: string): KeyPairBytes {
  return { publicKey: bytesField(record, 'publicKey', PUBLIC_KEY_BYTES, what), privateKey: bytesField(record, 'privateKey', PRIVATE_KEY_BYTES, what) };
}

export const encodeOwnDevice = (device: OwnDevice) => encode({ deviceId: device.deviceId, ...keyPairFields(device.identityKeyPair) });

export function decodeOwnDevice(bytes: Uint8Array): OwnDevice {
  const record = decode(bytes, 'own device');
  return { deviceId: intField(record, 'deviceId', 1, MAX_DEVICE_ID, 'own device'), identityKeyPair: keyPairOf(record, 'own device') };
}

export const encodePreKey = (preKey: StoredPreKey) => encode({ id: preKey.id, ...keyPairFields(preKey.keyPair) });

export function decodePreKey(bytes: Uint8Array): StoredPreKey {
  const record = decode(bytes, 'pre-key');
  return { id: intField(record, 'id', 1, MAX_KEY_ID, 'pre-key'), keyPair: keyPairOf(record, 'pre-key') };
}

export const encodeSignedPreKey = (key: StoredSignedPreKey) =>
  encode({ id: key.id, ...keyPairFields(key.keyPair), signature: b64(key.signature), createdAt: key.createdAt, retiredAt: key.retiredAt });

export function decodeSignedPreKey(bytes: Uint8Array): StoredSignedPreKey {
  const what = 'signed pre-key';
  const record = decode(bytes, what);
  const retiredAt = record['retiredAt'] === null ? null : intField(record, 'retiredAt', 0, Number.MAX_SAFE_INTEGER, what);
  return {
    id: intField(record, 'id', 1, MAX_KEY_ID, what),
    keyPair: keyPairOf(record, what),
    signature: bytesField(record, 'signature', SIGNATURE_BYTES, what),
    createdAt: intField(record, 'createdAt', 0, Number.MAX_SAFE_INTEGER, what),
    retiredAt,
  };
}

export const encodeCounter = (value: number) => encode({ value });

export function decodeCounter(bytes: Uint8Array): number {
  return intField(decode(bytes, 'pre-key counter'), 'value', 0, MAX_KEY_ID, 'pre-key counter');
}

export const encodeText = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

export function decodeText(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw corrupt(what, 'it is not UTF-8', error);
  }
}

export function decodeIdentityKey(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength !== PUBLIC_KEY_BYTES) throw corrupt('identity key', `it is ${bytes.byteLength} bytes, not ${PUBLIC_KEY_BYTES}`);
  return new Uint8Array(bytes);
}

/**
 * The record key of a remote device: `jid/deviceId`. A bare JID never holds "/" (it would start a resource), so
 * the last "/" always separates the two.
 */
export function remoteDeviceKey(device: RemoteDevice): string {
  return `${device.jid}/${device.deviceId}`;
}
