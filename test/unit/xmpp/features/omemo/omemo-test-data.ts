/** Key-shaped bytes and a valid bundle for the OMEMO wire tests: deterministic, so failures are repeatable. */
import type { PublicBundle } from '../../../../../main/omemo/omemo-types.js';

/** `length` bytes counting up from `seed` (mod 256). */
export const bytes = (length: number, seed = 1) => new Uint8Array(Array.from({ length }, (_, i) => (seed + i) % 256));

/** A 33-byte public key with the 0x05 type byte. */
export const publicKey = (seed = 1) => new Uint8Array([0x05, ...bytes(32, seed)]);

export const b64 = (value: Uint8Array) => Buffer.from(value).toString('base64');

export const OMEMO = 'eu.siacs.conversations.axolotl';

export function validBundle(preKeyCount = 3): PublicBundle {
  return {
    identityKey: publicKey(10),
    signedPreKey: { id: 1, publicKey: publicKey(20), signature: bytes(64, 30) },
    preKeys: Array.from({ length: preKeyCount }, (_, i) => ({ id: i + 1, publicKey: publicKey(40 + i) })),
  };
}
