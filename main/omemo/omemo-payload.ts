/**
 * The message body as the axolotl version of OMEMO carries it: AES-128-GCM under a fresh random 16-byte key and
 * 12-byte IV. The 16-byte authentication tag does not travel with the payload: it is appended to the key, and
 * this 32-byte key material is what each recipient device gets through its Signal session.
 *
 * Reading also accepts what older Conversations sent: a 16-byte IV, and a 16-byte key with the tag at the end of
 * the payload instead.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { concatBytes } from './omemo-bytes.js';
import { OmemoError } from './omemo-error.js';

export const KEY_BYTES = 16;
export const TAG_BYTES = 16;
export const IV_BYTES = 12;
/** Key ‖ tag: what goes through each Signal session. */
export const KEY_MATERIAL_BYTES = KEY_BYTES + TAG_BYTES;

export interface SealedPayload {
  /** Key ‖ tag, 32 bytes: encrypt it for each recipient device, never send it in the clear. */
  readonly keyMaterial: Uint8Array;
  readonly iv: Uint8Array;
  readonly payload: Uint8Array;
}

export function sealPayload(plaintext: string): SealedPayload {
  const key = randomBytes(KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
  const payload = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyMaterial: concatBytes(key, cipher.getAuthTag()), iv: new Uint8Array(iv), payload: new Uint8Array(payload) };
}

/** Key material for a key-transport message (no payload): random, only there to set up or advance the sessions. */
export function keyTransportMaterial(): { readonly keyMaterial: Uint8Array; readonly iv: Uint8Array } {
  return { keyMaterial: new Uint8Array(randomBytes(KEY_MATERIAL_BYTES)), iv: new Uint8Array(randomBytes(IV_BYTES)) };
}

/** The body, or `bad-payload` when the key material, IV or tag do not fit or the text is not UTF-8. */
export function openPayload(keyMaterial: Uint8Array, iv: Uint8Array, payload: Uint8Array): string {
  if (iv.byteLength !== IV_BYTES && iv.byteLength !== 16) throw new OmemoError('bad-payload', `The IV is ${iv.byteLength} bytes, not 12 (or 16).`);
  let key: Uint8Array;
  let tag: Uint8Array;
  let ciphertext: Uint8Array;
  if (keyMaterial.byteLength === KEY_MATERIAL_BYTES) {
    key = keyMaterial.subarray(0, KEY_BYTES);
    tag = keyMaterial.subarray(KEY_BYTES);
    ciphertext = payload;
  } else if (keyMaterial.byteLength === KEY_BYTES && payload.byteLength >= TAG_BYTES) {
    key = keyMaterial;
    tag = payload.subarray(payload.byteLength - TAG_BYTES);
    ciphertext = payload.subarray(0, payload.byteLength - TAG_BYTES);
  } else {
    throw new OmemoError('bad-payload', `The key material is ${keyMaterial.byteLength} bytes, not key and tag (32).`);
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (cause) {
    throw new OmemoError('bad-payload', 'The message did not authenticate: it was changed, or encrypted under another key.', { cause });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plain);
  } catch (cause) {
    throw new OmemoError('bad-payload', 'The message authenticated but is not UTF-8 text.', { cause });
  }
}
