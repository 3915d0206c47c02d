/**
 * Strict parsers for the two SCRAM messages a server sends (RFC 5802 §7):
 *
 *   server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]
 *   server-final-message = (server-error / verifier) ["," extensions]
 *
 * Anything off-grammar is refused rather than guessed at: these bytes come from the network and decide how
 * much work an attacker needs to guess the password from our proof.
 */
import { SaslError } from './mechanism.js';
import {
  DEFINED_ATTRIBUTE_NAMES,
  isPrintableNonce,
  isValidExtensionValue,
  splitAttributes,
  type ScramAttribute,
} from './scram-attributes.js';
import { decodePaddedBase64 } from '../../encoding/base64.js';

/**
 * The lowest iteration count we accept. RFC 5802 §5.1 and RFC 7677 §4 say servers SHOULD announce at least
 * 4096. The count is the price of each password guess for anyone who holds a recorded exchange (salt, count,
 * proof): a server, or anyone who stands in for it, that announces a low count makes our proof cheap to
 * brute-force. Refusing lower counts refuses that downgrade of the work factor.
 */
export const MIN_ITERATIONS = 4096;

/**
 * The highest iteration count we accept: 10 million PBKDF2 rounds is already several seconds of CPU here.
 * Without a cap, a server could announce 2^31 and hold the app busy for minutes (a denial of service).
 */
export const MAX_ITERATIONS = 10_000_000;

/** The exact words of the error when the server-final message does not prove the server knows the password. */
export const SERVER_NOT_PROVEN_MESSAGE = 'the server could not prove it knows your password';

export interface ServerFirst {
  /** Our client nonce followed by the server's part. */
  readonly nonce: string;
  readonly salt: Uint8Array;
  readonly iterations: number;
  /** The optional attributes after `i=`, checked for shape only (e.g. XEP-0474's `h=`). */
  readonly extensions: readonly ScramAttribute[];
}

export type ServerFinal =
  | { readonly kind: 'verifier'; readonly serverSignature: Uint8Array }
  | { readonly kind: 'error'; readonly code: string };

/** The server-error values RFC 5802 §7 lists; any other value is shown as unlisted. */
const LISTED_SERVER_ERRORS: ReadonlySet<string> = new Set([
  'invalid-encoding',
  'extensions-not-supported',
  'invalid-proof',
  'channel-bindings-dont-match',
  'server-does-support-channel-binding',
  'channel-binding-not-supported',
  'unsupported-channel-binding-type',
  'unknown-user',
  'invalid-username-encoding',
  'no-resources',
  'other-error',
]);

/** An `e=` answer: the server itself says the authentication failed, and why. */
export class ScramServerError extends SaslError {
  override name = 'ScramServerError';
  /** The RFC 5802 server-error value, or 'unlisted-error' when the server sent something else. */
  readonly code: string;
  constructor(value: string) {
    const code = LISTED_SERVER_ERRORS.has(value) ? value : 'unlisted-error';
    super(`the server refused the login (${code})${hintFor(code)}`);
    this.code = code;
  }
}

function hintFor(code: string): string {
  if (code === 'invalid-proof' || code === 'unknown-user') return ': check the user name and password';
  return '';
}

const malformed = (which: string, detail: string): SaslError =>
  new SaslError(`the server sent a malformed SCRAM ${which} message: ${detail}`);

// Keeps a leading byte-order mark as a character (so the grammar refuses it) instead of silently dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes `data` as UTF-8, or null when it is not valid UTF-8. */
export function decodeUtf8(data: Uint8Array): string | null {
  try {
    return utf8.decode(data);
  } catch {
    return null;
  }
}

/**
 * Checks the attributes after the mandatory ones: RFC 5802 allows extensions there, which we ignore, but an
 * attribute the RFC defines (a repeated or misplaced `r=`, `m=`, ...) is an error, never an extension.
 */
function checkExtensions(rest: readonly ScramAttribute[], which: string): void {
  for (const { name, value } of rest) {
    if (name === 'm') throw new SaslError(`the server asked for a SCRAM extension this client does not support (m=)`);
    if (DEFINED_ATTRIBUTE_NAMES.has(name)) throw malformed(which, `unexpected or repeated "${name}=" attribute`);
    if (!isValidExtensionValue(value)) throw malformed(which, `empty or invalid "${name}=" extension`);
  }
}

/** Parses the server-first message (text already decoded) and checks it against our client nonce. */
export function parseServerFirst(text: string, clientNonce: string): ServerFirst {
  const attributes = splitAttributes(text);
  if (!attributes) throw malformed('first', 'not a list of attributes');
  const [r, s, i, ...rest] = attributes;
  // RFC 5802 §5.1: "m" is reserved for mandatory extensions; its presence MUST fail the authentication.
  if (r?.name === 'm') throw new SaslError('the server asked for a SCRAM extension this client does not support (m=)');
  if (r?.name !== 'r' || s?.name !== 's' || i?.name !== 'i') throw malformed('first', 'expected r=, s= and i= in that order');

  if (!isPrintableNonce(r.value)) throw malformed('first', 'the nonce has characters a nonce cannot have');
  // The server must echo our nonce and add its own: otherwise the exchange could be a replay, and a nonce with
  // no server part gives no freshness at all.
  if (!r.value.startsWith(clientNonce) || r.value.length <= clientNonce.length) {
    throw malformed('first', 'the nonce does not extend the one this client sent');
  }

  const salt = decodePaddedBase64(s.value);
  if (!salt) throw malformed('first', 'the salt is not valid base64');
  if (salt.length === 0) throw malformed('first', 'the salt is empty');

  // RFC 5802 posit-number: a non-zero digit then digits; no sign, no leading zero, no spaces.
  if (!/^[1-9][0-9]*$/.test(i.value)) throw malformed('first', 'the iteration count is not a positive integer');
  // Compare as text length first so a huge number cannot overflow into an accepted value.
  const iterations = i.value.length > 10 ? Number.POSITIVE_INFINITY : Number(i.value);
  if (iterations < MIN_ITERATIONS) {
    throw new SaslError(
      `the server asked for only ${iterations} SCRAM iterations; fewer than ${MIN_ITERATIONS} would make your password easier to guess, so Hostproof refused`,
    );
  }
  if (iterations > MAX_ITERATIONS) {
    throw new SaslError(`the server asked for more than ${MAX_ITERATIONS} SCRAM iterations, which would stall this client; Hostproof refused`);
  }

  checkExtensions(rest, 'first');
  return { nonce: r.value, salt, iterations, extensions: rest };
}

/**
 * Parses the server-final message. A message that is neither a well-formed verifier nor a server error
 * proves nothing, so it fails with SERVER_NOT_PROVEN_MESSAGE rather than a parse error.
 */
export function parseServerFinal(data: Uint8Array, signatureLength: number): ServerFinal {
  const text = decodeUtf8(data);
  const attributes = text === null ? null : splitAttributes(text);
  const [first, ...rest] = attributes ?? [];
  if (first?.name === 'e') {
    if (!isValidExtensionValue(first.value)) throw malformed('final', 'invalid e= value');
    return { kind: 'error', code: first.value };
  }
  if (first?.name !== 'v') throw new SaslError(SERVER_NOT_PROVEN_MESSAGE);
  const serverSignature = decodePaddedBase64(first.value);
  if (!serverSignature || serverSignature.length !== signatureLength) throw new SaslError(SERVER_NOT_PROVEN_MESSAGE);
  checkExtensions(rest, 'final');
  return { kind: 'verifier', serverSignature };
}
