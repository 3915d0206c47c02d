/**
 * Reads the sender's identity key out of a Signal PreKeyWhisperMessage, before the library handles it.
 *
 * Why: libsignal-protocol-typescript 0.0.16 does not await its trust check when it receives a pre-key message
 * (SessionBuilder.processV3), so a refused identity would open a session anyway. The cipher asks the identity
 * policy with the key read here first. This reads the wire format only; no cryptography happens here.
 *
 * Layout: one version byte (high nibble 3: the version this library speaks), then protobuf fields: 1 preKeyId,
 * 2 baseKey, 3 identityKey, 4 message, 5 registrationId, 6 signedPreKeyId.
 */
import { OmemoError } from './omemo-error.js';

const IDENTITY_KEY_FIELD = 3;
const IDENTITY_KEY_BYTES = 33;
const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

const bad = (why: string) => new OmemoError('bad-message', `Not a pre-key message: ${why}.`);

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let position = start;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = bytes[position++];
    if (byte === undefined) throw bad('it ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: position };
  }
  throw bad('a number is longer than 32 bits');
}

export function preKeyMessageIdentityKey(message: Uint8Array): Uint8Array {
  const version = message[0];
  if (version === undefined || version >> 4 !== 3) throw bad('its version is not 3');
  let identityKey: Uint8Array | undefined;
  let position = 1;
  while (position < message.byteLength) {
    const tag = readVarint(message, position);
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (wireType === WIRE_VARINT) {
      position = readVarint(message, tag.next).next;
    } else if (wireType === WIRE_LENGTH_DELIMITED) {
      const length = readVarint(message, tag.next);
      const end = length.next + length.value;
      if (end > message.byteLength) throw bad('a field runs past its end');
      if (field === IDENTITY_KEY_FIELD) identityKey = message.slice(length.next, end);
      position = end;
    } else {
      throw bad(`field ${field} has wire type ${wireType}`);
    }
  }
  if (identityKey === undefined || identityKey.byteLength !== IDENTITY_KEY_BYTES) throw bad('it carries no 33-byte identity key');
  return identityKey;
}
