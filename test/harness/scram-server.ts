/**
 * The server side of SCRAM (RFC 5802 / RFC 7677, SHA-1/256/512, with and without -PLUS) for scripted test
 * servers: reads the gs2 header, issues the server-first message (with XEP-0474's `h=` when given), checks
 * the client's channel binding against data computed on the server's own end of the connection
 * (server-channel-binding.ts) and its proof, and computes the server signature, which a script may then send
 * correctly, wrongly or not at all. Test code only; written from the RFCs' formulas.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerBindingData } from './server-channel-binding.js';

export type ScramServerHash = 'sha1' | 'sha256' | 'sha512';

export interface ScramServerOptions {
  readonly hash: ScramServerHash;
  /** The password the server knows for the user; null plays an impostor that knows none. */
  readonly password: string | null;
  readonly iterations?: number;
  readonly salt?: Buffer;
  /** Whether the client chose a -PLUS mechanism. */
  readonly plus?: boolean;
  /** Whether this server really offered a -PLUS mechanism (a `y` from the client is then an attack sign). */
  readonly supportsBinding?: boolean;
  /** The channel-binding types the server implements and their data on its end; absent: none. */
  readonly bindings?: { readonly types: readonly string[]; readonly data: ServerBindingData };
  /** XEP-0474 `h=` value to add to the server-first message. */
  readonly downgradeHash?: string | null;
}

export interface ScramFinal {
  /** Whether the client's proof matches the password (always false for an impostor). */
  readonly proofValid: boolean;
  /** The correct server signature (base64) for this exchange, or null for an impostor. */
  readonly serverSignature: string | null;
  readonly username: string;
  /** The RFC 5802 server-error the server answers with (a binding problem), or null. */
  readonly error: string | null;
}

const HASH_LENGTH: Record<ScramServerHash, number> = { sha1: 20, sha256: 32, sha512: 64 };

export class ScramServer {
  readonly #options: ScramServerOptions;
  #gs2Header = '';
  #bindingError: string | null = null;
  #expectedBinding = '';
  #clientFirstBare = '';
  #serverFirst = '';
  #nonce = '';
  #username = '';
  #salt: Buffer = Buffer.alloc(0);

  constructor(options: ScramServerOptions) {
    this.#options = options;
  }

  /** The gs2 header of the client-first message ("n,,", "y,,", "p=tls-exporter,,"). */
  get gs2Header(): string {
    return this.#gs2Header;
  }

  /** Takes the client-first message (with its gs2 header) and returns the server-first message. */
  first(clientFirst: string): string {
    const match = /^((n|y|p=([A-Za-z0-9.-]+)),,)(n=([^,]*),r=([^,]+))$/.exec(clientFirst);
    if (!match) throw new Error(`unexpected SCRAM client-first message: ${clientFirst}`);
    this.#gs2Header = match[1] ?? '';
    this.#checkBinding((match[2] ?? '').charAt(0), match[3] ?? null);
    this.#clientFirstBare = match[4] ?? '';
    this.#username = (match[5] ?? '').replace(/=2C/g, ',').replace(/=3D/g, '=');
    this.#nonce = `${match[6] ?? ''}${randomBytes(12).toString('base64')}`;
    const salt = this.#options.salt ?? randomBytes(16);
    const h = this.#options.downgradeHash ? `,h=${this.#options.downgradeHash}` : '';
    this.#serverFirst = `r=${this.#nonce},s=${salt.toString('base64')},i=${this.#options.iterations ?? 4096}${h}`;
    this.#salt = salt;
    return this.#serverFirst;
  }

  /** RFC 5802 §6 from the server's side: which gs2 answers this server accepts, and what c= must then be. */
  #checkBinding(flag: string, type: string | null): void {
    const { plus = false, supportsBinding = false, bindings } = this.#options;
    let data: Buffer = Buffer.alloc(0);
    if (flag === 'y' && supportsBinding) this.#bindingError = 'server-does-support-channel-binding';
    else if (flag !== 'p' && plus) this.#bindingError = 'channel-binding-not-supported';
    else if (flag === 'p' && !plus) this.#bindingError = 'channel-binding-not-supported';
    else if (flag === 'p') {
      const bound = type !== null && bindings?.types.includes(type) ? bindings.data(type) : null;
      if (bound === null) this.#bindingError = 'unsupported-channel-binding-type';
      else data = bound;
    }
    this.#expectedBinding = Buffer.concat([Buffer.from(this.#gs2Header, 'utf8'), data]).toString('base64');
  }

  /** Takes the client-final message and says whether its binding and proof are right, and what `v=` would be. */
  final(clientFinal: string): ScramFinal {
    const proofIndex = clientFinal.lastIndexOf(',p=');
    const withoutProof = clientFinal.slice(0, proofIndex);
    const proof = Buffer.from(clientFinal.slice(proofIndex + 3), 'base64');
    const password = this.#options.password;
    const binding = /^c=([^,]*),/.exec(withoutProof)?.[1] ?? '';
    const error = this.#bindingError ?? (binding === this.#expectedBinding ? null : 'channel-bindings-dont-match');
    if (password === null || !withoutProof.includes(`r=${this.#nonce}`)) {
      return { proofValid: false, serverSignature: null, username: this.#username, error };
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
    return { proofValid, serverSignature, username: this.#username, error };
  }
}
