/**
 * The SCRAM key algebra (RFC 5802 §3) with node:crypto. PBKDF2 runs asynchronously on libuv's thread pool:
 * thousands of iterations must not block the main process (pure-JS SCRAM took seconds per login here).
 */
import { createHash, createHmac, pbkdf2 } from 'node:crypto';

export type ScramDigest = 'sha512' | 'sha256' | 'sha1';

export interface ScramProofInput {
  readonly digest: ScramDigest;
  /** Output length of the digest in bytes (64, 32 or 20). */
  readonly length: number;
  /** The SASLprep'd password. */
  readonly password: string;
  readonly salt: Uint8Array;
  readonly iterations: number;
  /** client-first-message-bare "," server-first-message "," client-final-message-without-proof */
  readonly authMessage: string;
}

export interface ScramProof {
  readonly clientProof: Uint8Array;
  /** What the server must send back in `v=` to show it holds the key derived from our password. */
  readonly serverSignature: Uint8Array;
}

const hmac = (digest: ScramDigest, key: Uint8Array, text: string): Buffer => createHmac(digest, key).update(text, 'utf8').digest();

function saltedPassword(input: ScramProofInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(input.password, input.salt, input.iterations, input.length, input.digest, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function computeScramProof(input: ScramProofInput): Promise<ScramProof> {
  const salted = await saltedPassword(input);
  const clientKey = hmac(input.digest, salted, 'Client Key');
  const storedKey = createHash(input.digest).update(clientKey).digest();
  const clientSignature = hmac(input.digest, storedKey, input.authMessage);
  const clientProof = new Uint8Array(clientKey.length);
  for (let k = 0; k < clientKey.length; k++) clientProof[k] = (clientKey[k] ?? 0) ^ (clientSignature[k] ?? 0);
  const serverKey = hmac(input.digest, salted, 'Server Key');
  const serverSignature = new Uint8Array(hmac(input.digest, serverKey, input.authMessage));
  // These are password-equivalent for this server; do not leave them around longer than needed.
  for (const secret of [salted, clientKey, storedKey, serverKey]) secret.fill(0);
  return { clientProof, serverSignature };
}
