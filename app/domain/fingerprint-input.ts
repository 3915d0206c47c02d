/**
 * A SHA-256 fingerprint as people copy it from somewhere else: colon-separated hex (as `openssl x509
 * -fingerprint -sha256` prints it, label included), plain hex in any case, or base64 (standard or URL-safe,
 * with or without padding, with OpenSSH's "SHA256:" prefix). All of them name the same 32 bytes, kept as
 * standard base64, the form the engine, the pin store and POSH use. Shared by the window (paste-to-compare)
 * and the main process (adding a pin), so both accept exactly the same text.
 */

export type FingerprintProblemKind = 'empty' | 'too-long' | 'not-hex' | 'not-base64' | 'wrong-length';

export interface FingerprintProblem {
  readonly kind: FingerprintProblemKind;
  readonly message: string;
}

export type ParsedFingerprint = { readonly ok: true; readonly base64: string } | { readonly ok: false; readonly problem: FingerprintProblem };

/** Longer than any honest form (95 characters of colon hex, plus a label and spaces). */
export const MAX_FINGERPRINT_INPUT = 200;
const SHA256_BYTES = 32;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fail(kind: FingerprintProblemKind, message: string): ParsedFingerprint {
  return { ok: false, problem: { kind, message } };
}

function wrongLength(bytes: number): ParsedFingerprint {
  const hint = bytes === 20 ? ' That is the length of a SHA-1 fingerprint: ask for the SHA-256 one.' : '';
  return fail('wrong-length', `This is ${bytes} bytes long; a SHA-256 fingerprint is ${SHA256_BYTES} bytes (64 hex digits or 44 base64 characters).${hint}`);
}

export function bytesToBase64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** Standard base64 → bytes; null when it is not base64. */
export function base64ToBytes(value: string): number[] | null {
  const bare = value.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(bare) || bare.length % 4 === 1) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of bare) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

/** Colon-separated upper-case hex of a base64 digest, as `openssl x509 -fingerprint` prints it. */
export function base64ToColonHex(value: string): string {
  const bytes = base64ToBytes(value) ?? [];
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}

/** Plain hex (as the store of added authorities keeps a SHA-256) → standard base64, the form fingerprints are shown from. */
export function hexToBase64(hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return bytesToBase64(bytes);
}

function fromHex(hex: string): ParsedFingerprint {
  if (!/^[0-9a-fA-F]*$/.test(hex)) return fail('not-hex', 'This looks like hex but has characters other than 0-9 and A-F.');
  if (hex.length % 2 === 1) return fail('not-hex', 'This hex has an odd number of digits: a digit is missing or one too many.');
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return bytes.length === SHA256_BYTES ? { ok: true, base64: bytesToBase64(bytes) } : wrongLength(bytes.length);
}

/** Reads a pasted fingerprint; the answer is the canonical standard base64, or why the text is not one. */
export function parseFingerprint(input: string): ParsedFingerprint {
  if (input.length > MAX_FINGERPRINT_INPUT) return fail('too-long', `This is longer than any SHA-256 fingerprint (${input.length} characters).`);
  // Labels people copy along: "SHA256 Fingerprint=" (openssl), "sha256//" (curl pins), "SHA256:" (OpenSSH).
  const text = input
    .trim()
    .replace(/^sha-?256\s*(fingerprint)?\s*(=|:|\/\/)\s*/i, '')
    .trim();
  if (text === '') return fail('empty', 'Paste or type a fingerprint.');
  if (text.includes(':')) {
    const groups = text.split(':').map((group) => group.trim());
    if (groups.some((group) => group.length !== 2)) {
      return fail('not-hex', 'Colon-separated hex has two digits between colons, like AB:CD:EF.');
    }
    return fromHex(groups.join(''));
  }
  const compact = text.replace(/\s+/g, '');
  if (/^[0-9a-fA-F]{64}$/.test(compact)) return fromHex(compact);
  const standard = compact.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = base64ToBytes(standard);
  if (bytes === null) {
    return /^[0-9a-fA-F]+$/.test(compact)
      ? fromHex(compact)
      : fail('not-base64', 'This is neither hex (0-9, A-F) nor base64 (letters, digits, + and /).');
  }
  if (bytes.length !== SHA256_BYTES) return /^[0-9a-fA-F]+$/.test(compact) ? fromHex(compact) : wrongLength(bytes.length);
  return { ok: true, base64: bytesToBase64(bytes) };
}
