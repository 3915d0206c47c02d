/**
 * SCRAM-SHA-512, SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-1 (RFC 5802), client side, with or without channel
 * binding: the `-PLUS` variant when `binding` is `p=<type>` (gs2-header.ts says what each flag means; the
 * mechanism chooser in select.ts decides which one applies).
 *
 * XEP-0474: when the server-first message carries `h=`, it is checked against what the server advertised
 * (downgrade-hash.ts) before the proof is computed; a mismatch ends the exchange with SaslDowngradeError and
 * no proof is sent.
 *
 * What this adds over xmpp.js's SCRAM: the server signature in the server-final message is checked, in
 * constant time, and authentication is refused when it is missing or wrong. A server that merely says
 * `<success/>` has not shown it knows our password; an impostor can do that.
 *
 * RFC 6120 §6.3.10 lets the server send the server-final message either as the data of `<success>` or as one
 * last `<challenge>` followed by an empty `<success>`: both are handled, and an empty `<success>` is accepted
 * only after a challenge already verified.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyDowngradeProtection, type AdvertisedSasl } from './downgrade-hash.js';
import { NO_BINDING, channelBindingAttribute, gs2Header, type Gs2Binding } from './gs2-header.js';
import { SaslError, type MechanismName, type SaslCredentials, type SaslExchange } from './mechanism.js';
import { saslPrep } from './saslprep.js';
import { isPrintableNonce } from './scram-attributes.js';
import { computeScramProof, type ScramDigest } from './scram-keys.js';
import {
  SERVER_NOT_PROVEN_MESSAGE,
  ScramServerError,
  decodeUtf8,
  parseServerFinal,
  parseServerFirst,
} from './scram-server-messages.js';

export type ScramHash = 'sha-512' | 'sha-256' | 'sha-1';

export interface ScramOptions {
  readonly hash: ScramHash;
  readonly credentials: SaslCredentials;
  /** Client nonce source (tests pin it); printable ASCII without ",". Defaults to 18 random bytes in base64. */
  readonly nonce?: () => string;
  /** The gs2 channel-binding answer; default `n` (no binding). `p=<type>` makes this the `-PLUS` mechanism. */
  readonly binding?: Gs2Binding;
  /**
   * What the server advertised, to check XEP-0474's `h=`. Without it a server-first message carrying `h=`
   * is refused: an attribute meant to catch tampering must never be skipped unnoticed.
   */
  readonly advertised?: AdvertisedSasl;
}

interface HashParameters {
  readonly mechanism: MechanismName;
  readonly plus: MechanismName;
  readonly digest: ScramDigest;
  readonly length: number;
}

const HASHES: Readonly<Record<ScramHash, HashParameters>> = {
  'sha-512': { mechanism: 'SCRAM-SHA-512', plus: 'SCRAM-SHA-512-PLUS', digest: 'sha512', length: 64 },
  'sha-256': { mechanism: 'SCRAM-SHA-256', plus: 'SCRAM-SHA-256-PLUS', digest: 'sha256', length: 32 },
  'sha-1': { mechanism: 'SCRAM-SHA-1', plus: 'SCRAM-SHA-1-PLUS', digest: 'sha1', length: 20 },
};

/** 18 random bytes: 144 bits of freshness, and base64 of a multiple of 3 bytes has no "=" padding. */
const randomNonce = (): string => randomBytes(18).toString('base64');

/** RFC 5802 saslname: "=" and "," are the two characters the attribute syntax reserves. */
export function escapeSaslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** Where the exchange is; every call checks it so a hostile server cannot drive us out of order. */
type State =
  | { readonly step: 'ready' }
  | { readonly step: 'sent-first'; readonly clientNonce: string; readonly clientFirstBare: string }
  | { readonly step: 'deriving' }
  | { readonly step: 'sent-final'; readonly serverSignature: Uint8Array }
  | { readonly step: 'verified'; readonly serverSignature: Uint8Array }
  | { readonly step: 'done' }
  | { readonly step: 'failed' };

const encoder = new TextEncoder();

/**
 * Creates a SCRAM exchange. Throws SaslError at once when the user name or password cannot be prepared
 * (SASLprep prohibits the characters), or when either is empty.
 */
export function createScramExchange(options: ScramOptions): SaslExchange {
  const params = HASHES[options.hash];
  const username = saslPrep(options.credentials.username, 'user name');
  const password = saslPrep(options.credentials.password, 'password');
  if (username.length === 0) throw new SaslError('the user name is empty');
  if (password.length === 0) throw new SaslError('the password is empty');
  const makeNonce = options.nonce ?? randomNonce;
  const binding = options.binding ?? NO_BINDING;
  if (binding.flag === 'p' && binding.data.length === 0) throw new Error('SCRAM channel binding needs binding data');
  const gs2 = gs2Header(binding);
  const cbind = channelBindingAttribute(binding);

  let state: State = { step: 'ready' };

  // Read through a function so the compiler does not carry a narrowing of `state` across an await.
  const stepNow = (): State['step'] => state.step;

  /** Any error ends the exchange: no later call may succeed after a refusal. */
  const fail = (error: unknown): never => {
    state = { step: 'failed' };
    throw error;
  };

  /** Checks a server-final message against the signature we computed; throws unless it matches. */
  const verify = (data: Uint8Array, expected: Uint8Array): void => {
    const final = parseServerFinal(data, params.length);
    if (final.kind === 'error') throw new ScramServerError(final.code);
    if (!timingSafeEqual(final.serverSignature, expected)) throw new SaslError(SERVER_NOT_PROVEN_MESSAGE);
  };

  /** XEP-0474: at most one `h=`, and it must match what we were offered. */
  function checkDowngradeProtection(values: readonly string[]): void {
    if (values.length === 0) return;
    if (values.length > 1) throw new SaslError('the server sent a malformed SCRAM first message: repeated "h=" attribute');
    if (options.advertised === undefined) throw new SaslError('the server sent a downgrade-protection hash this exchange cannot check');
    verifyDowngradeProtection(values[0] ?? '', options.advertised, params.digest);
  }

  async function answerServerFirst(data: Uint8Array, clientNonce: string, clientFirstBare: string): Promise<Uint8Array> {
    const serverFirst = decodeUtf8(data);
    if (serverFirst === null) throw new SaslError('the server sent a SCRAM first message that is not valid UTF-8');
    const { nonce, salt, iterations, extensions } = parseServerFirst(serverFirst, clientNonce);
    checkDowngradeProtection(extensions.filter((attribute) => attribute.name === 'h').map((attribute) => attribute.value));
    const clientFinalWithoutProof = `c=${cbind},r=${nonce}`;
    const authMessage = `${clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
    state = { step: 'deriving' };
    const proof = await computeScramProof({ digest: params.digest, length: params.length, password, salt, iterations, authMessage });
    // Another call may have failed the exchange while PBKDF2 ran; it must stay failed.
    if (stepNow() !== 'deriving') throw new SaslError('the SCRAM exchange ended while its keys were being derived');
    state = { step: 'sent-final', serverSignature: proof.serverSignature };
    const proofText = Buffer.from(proof.clientProof).toString('base64');
    return encoder.encode(`${clientFinalWithoutProof},p=${proofText}`);
  }

  return {
    mechanism: binding.flag === 'p' ? params.plus : params.mechanism,

    initial(): Uint8Array {
      if (state.step !== 'ready') return fail(new SaslError('the SCRAM exchange was already started'));
      const clientNonce = makeNonce();
      // A bad nonce is a bug in the caller, not a server problem: say so plainly.
      if (!isPrintableNonce(clientNonce)) return fail(new Error('SCRAM nonce must be printable ASCII without ","'));
      const clientFirstBare = `n=${escapeSaslName(username)},r=${clientNonce}`;
      state = { step: 'sent-first', clientNonce, clientFirstBare };
      return encoder.encode(gs2 + clientFirstBare);
    },

    async challenge(data: Uint8Array): Promise<Uint8Array> {
      const current = state;
      try {
        switch (current.step) {
          case 'sent-first':
            return await answerServerFirst(data, current.clientNonce, current.clientFirstBare);
          case 'sent-final':
            // The server-final message came as a challenge; the answer is empty and `<success>` follows.
            verify(data, current.serverSignature);
            state = { step: 'verified', serverSignature: current.serverSignature };
            return new Uint8Array(0);
          default:
            throw new SaslError('the server sent a SCRAM challenge this client did not expect');
        }
      } catch (error) {
        return fail(error);
      }
    },

    success(data: Uint8Array | null): void {
      const current = state;
      try {
        switch (current.step) {
          case 'sent-final':
            if (data === null || data.length === 0) throw new SaslError(SERVER_NOT_PROVEN_MESSAGE);
            verify(data, current.serverSignature);
            break;
          case 'verified':
            // Already proven by the last challenge. Data here, if any, must be the same proof.
            if (data !== null && data.length > 0) verify(data, current.serverSignature);
            break;
          default:
            // Success before our proof was even answered: whoever sent it has not shown knowledge of the password.
            throw new SaslError(SERVER_NOT_PROVEN_MESSAGE);
        }
        state = { step: 'done' };
      } catch (error) {
        fail(error);
      }
    },
  };
}
