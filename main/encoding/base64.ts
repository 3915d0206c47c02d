/**
 * Strict base64 for POSH values. Node's `Buffer.from(s, 'base64')` is lenient: it accepts the URL-safe
 * alphabet, skips characters it does not know and ignores misplaced padding, so two different strings can
 * decode to the same digest. A fingerprint must mean exactly one thing, so every value is validated here
 * first and decoded only when it is the canonical encoding of its bytes (RFC 4648 §3.5: the unused bits
 * of the last character must be zero).
 */

const STANDARD = /^[A-Za-z0-9+/]*$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/**
 * Standard base64 (RFC 4648 §4): alphabet `A-Za-z0-9+/`, padding optional (RFC 7711's own rollover example
 * omits it) but when present it must be exactly right. Returns null for anything else.
 */
export function decodeStrictBase64(text: string): Uint8Array | null {
  const firstPad = text.indexOf('=');
  const data = firstPad === -1 ? text : text.slice(0, firstPad);
  const padding = firstPad === -1 ? '' : text.slice(firstPad);
  if (!STANDARD.test(data)) return null;
  if (padding !== '' && padding !== '=' && padding !== '==') return null;
  const remainder = data.length % 4;
  if (remainder === 1) return null;
  if (padding !== '') {
    // Padding, when used, must complete the last quantum: 2 data chars take '==', 3 take '='.
    const expected = remainder === 2 ? '==' : remainder === 3 ? '=' : null;
    if (padding !== expected) return null;
  }
  const bytes = Buffer.from(data, 'base64');
  // Canonical check: re-encoding must give back the same characters (catches non-zero unused bits).
  if (bytes.toString('base64').replace(/=+$/, '') !== data) return null;
  return new Uint8Array(bytes);
}

/** Unpadded base64url (RFC 4648 §5, as JOSE uses for `x5t`): alphabet `A-Za-z0-9-_`, no `=`. */
export function decodeStrictBase64Url(text: string): Uint8Array | null {
  if (!URL_SAFE.test(text)) return null;
  if (text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  return new Uint8Array(bytes);
}

/** Canonical padded standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Canonical unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Padded standard base64 only, as RFC 5802's ABNF allows in SCRAM messages (no whitespace, padding required).
 * Returns null unless the text is the one canonical encoding of its bytes.
 */
export function decodePaddedBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  return decodeStrictBase64(text);
}
