/**
 * The server side of SCRAM (RFC 5802 / RFC 7677) for scripted test servers: issues the server-first message,
 * checks the client's proof, and computes the server signature, which a script may then send correctly,
 * wrongly or not at all. Test code only; written from the RFC's formulas.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramServerHash = 'sha1' | 'sha256';

export interface ScramServerOptions {
  readonly hash: ScramServerHash;
  /** The password the server knows for the user; null plays an impostor that knows none. */
  readonly password: string | null;
  readonly iterations?: number;
  readonly salt?: Buffer;
}

export interface ScramFinal {
  /** Whether the client's proof matches the password (always false for an impostor). */
  readonly proofValid: boolean;
  /** The correct server signature (base64) for this exchange, or null for an impostor. */
  readonly serverSignature: string | null;
  readonly username: string;
}

const HASH_LENGTH: Record<ScramServerHash, number> = { sha1: 20, sha256: 32 };

export class ScramServer {
  readonly #options: ScramServerOptions;
  #clientFirstBare = '';
  #serverFirst = '';
  #nonce = '';
  #username = '';
  #salt: Buffer = Buffer.alloc(0);

  constructor(options: ScramServerOptions) {
    this.#options = options;
  }

  /** Takes the client-first message (with its gs2 header) and returns the server-first message. */
  first(clientFirst: string): string {
    const match = /^n,,(n=([^,]*),r=([^,]+))$/.exec(clientFirst);
    if (!match) throw new Error(`unexpected SCRAM client-first message: ${clientFirst}`);
    this.#clientFirstBare = match[1] ?? '';
    this.#username = (match[2] ?? '').replace(/=2C/g, ',').replace(/=3D/g, '=');
    this.#nonce = `${match[3] ?? ''}${randomBytes(12).toString('base64')}`;
    const salt = this.#options.salt ?? randomBytes(16);
    this.#serverFirst = `r=${this.#nonce},s=${salt.toString('base64')},i=${this.#options.iterations ?? 4096}`;
    this.#salt = salt;
    return this.#serverFirst;
  }

  /** Takes the client-final message and says whether its proof is right, and what `v=` would be. */
  final(clientFinal: string): ScramFinal {
    const proofIndex = clientFinal.lastIndexOf(',p=');
    const withoutProof = clientFinal.slice(0, proofIndex);
    const proof = Buffer.from(clientFinal.slice(proofIndex + 3), 'base64');
    const password = this.#options.password;
    if (password === null || !withoutProof.includes(`r=${this.#nonce}`)) {
      return { proofValid: false, serverSignature: null, username: this.#username };
    }
    const { hash } = this.#options;
    const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`;
    const salted = pbkdf2Sync(password, this.#salt, this.#options.iterations ?? 4096, HASH_LENGTH[hash], hash);
    const clientKey = createHmac(hash, salted).update('Client Key').digest();
    const storedKey = createHash(hash).update(clientKey).digest();
    const clientSignature = createHmac(hash, storedKey).update(authMessage).digest();
    const expected = Buffer.from(clientKey.map((byte, i) => byte ^ (clientSignature[i] ?? 0)));
    const proofValid = proof.length === expected.length && timingSafeEqual(proof, expected);
    const serverKey = createHmac(hash, salted).update('Server Key').digest();
    const serverSignature = createHmac(hash, serverKey).update(authMessage).digest('base64');
    return { proofValid, serverSignature, username: this.#username };
  }
}
