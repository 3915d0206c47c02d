/**
 * The small values every OMEMO element carries, read the one strict way: device and key ids as plain
 * decimals, keys and ciphertexts as base64, each with a limit checked before any work is done. Everything
 * here comes from other people's clients (or from a server that may be hostile), so nothing throws: a value
 * is either what it must be or null, and the parsers say why.
 */
import { MAX_DEVICE_ID, type DeviceId } from '../../../omemo/omemo-types.js';
import { decodeStrictBase64 } from '../../../encoding/base64.js';

/** The item id XEP-0384 (0.3) publishes device lists and bundles under, so that each publish replaces the last. */
export const CURRENT_ITEM = 'current';

/** At most this many devices per account: more is an attack on our work per message, not a person's phones. */
export const MAX_DEVICES = 200;
/** At most this many one-time pre-keys per bundle (clients publish about 100). */
export const MAX_PREKEYS = 200;
/** At most this many recipient keys per message: a large group of people with several devices each. */
export const MAX_KEYS_PER_MESSAGE = 500;
/** A Signal (pre-key) message holding a message key is a few hundred bytes; this leaves ample room. */
export const MAX_KEY_BYTES = 1024;
/** An encrypted body; the session already refuses stanzas over 512 KiB (stream-guard.ts). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** AES-GCM nonces: 12 bytes now, 16 in what older clients (Conversations before 2.x) still send. */
export const IV_LENGTHS: readonly number[] = [12, 16];
/** Curve25519 public keys as the axolotl version publishes them: a 0x05 type byte, then 32 bytes. */
export const PUBLIC_KEY_LENGTH = 33;
export const PUBLIC_KEY_TYPE = 0x05;
/** The identity key's XEdDSA signature over the signed pre-key. */
export const SIGNATURE_LENGTH = 64;
/** Pre-key ids are unsigned 32-bit integers in the Signal protocol's messages. */
export const MAX_KEY_ID = 0xffffffff;

/**
 * Why an OMEMO element (or one part of it) was not accepted. A closed set, so callers decide by kind and the
 * log says which rule a sender broke without repeating what it sent.
 */
export type OmemoWireProblemKind =
  | 'missing-element'
  | 'ambiguous-element'
  | 'bad-device-id'
  | 'bad-key-id'
  | 'duplicate'
  | 'too-many'
  | 'bad-base64'
  | 'too-big'
  | 'bad-length'
  | 'bad-key-type'
  | 'bad-attribute'
  | 'no-prekeys'
  | 'no-keys';

export interface OmemoWireProblem {
  readonly kind: OmemoWireProblemKind;
  /** Which element or attribute, in a few words; never the sender's data. */
  readonly where: string;
}

/**
 * A parser's answer. `ignored` lists the parts that were dropped without refusing the whole (a duplicate
 * device, a malformed one-time pre-key), so a caller can log what a sender got wrong.
 */
export type WireResult<T> =
  | { readonly ok: true; readonly value: T; readonly ignored: readonly OmemoWireProblem[] }
  | { readonly ok: false; readonly problem: OmemoWireProblem };

export const refused = (kind: OmemoWireProblemKind, where: string): { readonly ok: false; readonly problem: OmemoWireProblem } => ({
  ok: false,
  problem: { kind, where },
});

/** Plain decimal, no sign, no leading zeros, at most ten digits: one spelling per number. */
const DECIMAL = /^(0|[1-9][0-9]{0,9})$/;

function decimalIn(text: string | null | undefined, min: number, max: number): number | null {
  if (typeof text !== 'string' || !DECIMAL.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** A device id (XEP-0384: 1 … 2^31 − 1), or null. */
export function deviceIdOrNull(text: string | null | undefined): DeviceId | null {
  return decimalIn(text, 1, MAX_DEVICE_ID);
}

export function isDeviceId(value: number): value is DeviceId {
  return Number.isInteger(value) && value >= 1 && value <= MAX_DEVICE_ID;
}

/** A pre-key or signed pre-key id (0 … 2^32 − 1), or null. */
export function keyIdOrNull(text: string | null | undefined): number | null {
  return decimalIn(text, 0, MAX_KEY_ID);
}

export function isKeyId(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_KEY_ID;
}

/** The base64 characters `maxBytes` bytes take, padded. */
const base64Chars = (maxBytes: number) => Math.ceil(maxBytes / 3) * 4;

/**
 * Base64 element text as clients write it: strict alphabet and padding (main/encoding/base64.ts), but with
 * XML whitespace allowed between characters, because Conversations on Android folds its base64 into lines
 * (Base64.DEFAULT) in bundles and messages. The length is checked before any decoding work.
 */
function decodeFolded(text: string, maxBytes: number): Uint8Array | 'too-big' | 'bad-base64' {
  const maxChars = base64Chars(maxBytes);
  // Bound the work before the regex: folding adds one line break per 76 characters, leave twice that.
  if (text.length > maxChars * 2 + 64) return 'too-big';
  const compact = text.replace(/[ \t\r\n]+/g, '');
  if (compact.length > maxChars) return 'too-big';
  const bytes = decodeStrictBase64(compact);
  if (bytes === null || bytes.length === 0) return 'bad-base64';
  return bytes.length > maxBytes ? 'too-big' : bytes;
}

/** Null when empty, longer than `maxBytes`, or not the one canonical encoding. */
export function decodeWireBase64(text: string, maxBytes: number): Uint8Array | null {
  const bytes = decodeFolded(text, maxBytes);
  return typeof bytes === 'string' ? null : bytes;
}

/** The bytes of element text, or why not (`bad-base64` or `too-big`, at `where`). */
export function readWireBytes(text: string, maxBytes: number, where: string): { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: OmemoWireProblem } {
  const bytes = decodeFolded(text, maxBytes);
  return typeof bytes === 'string' ? refused(bytes, where) : { ok: true, bytes };
}

/** A public key as published: 33 bytes with the 0x05 type byte. */
export function isPublicKey(bytes: Uint8Array): boolean {
  return bytes.length === PUBLIC_KEY_LENGTH && bytes[0] === PUBLIC_KEY_TYPE;
}

/** Reads a public key from element text; a typed problem when it is not one. */
export function readPublicKey(text: string, where: string): { readonly ok: true; readonly key: Uint8Array } | { readonly ok: false; readonly problem: OmemoWireProblem } {
  // Room for a few wrong lengths, so that those are told as such rather than as too big.
  const read = readWireBytes(text, PUBLIC_KEY_LENGTH * 4, where);
  if (!read.ok) return read;
  if (read.bytes.length !== PUBLIC_KEY_LENGTH) return refused('bad-length', where);
  if (read.bytes[0] !== PUBLIC_KEY_TYPE) return refused('bad-key-type', where);
  return { ok: true, key: read.bytes };
}

/** XML Schema boolean, as XEP-0384's `prekey` attribute is: 'true'/'1', 'false'/'0', or absent (false). */
export function xsdBooleanOrNull(text: string | null): boolean | null {
  if (text === null || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  return null;
}
