/**
 * Files in OMEMO-encrypted conversations (issue 15; XEP-0454 "OMEMO Media Sharing", as Conversations, Dino, Gajim
 * and Monal do it): the bytes are sealed with AES-256-GCM before they are uploaded (the ciphertext followed by the
 * 16-byte tag), and the encrypted message carries `aesgcm://<host>/<path>#<iv><key>`, the upload's https address
 * with its scheme replaced and the IV and key in hex in the fragment. The server stores only ciphertext; the key
 * travels only inside the OMEMO message.
 *
 * This file is the codec only: the link read and written, the bytes sealed and opened. Nothing here logs, and its
 * errors never repeat the link (its fragment is the key).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { isHttpsLink, MAX_OOB_URL_LENGTH } from '../xmpp/features/oob.js';

export const AESGCM_SCHEME = 'aesgcm://';
/** What we write (XEP-0454); 16-byte IVs are read too (Conversations wrote them for years). */
const IV_BYTES = 12;
const READ_IV_BYTES: readonly number[] = [12, 16];
const KEY_BYTES = 32;
export const TAG_BYTES = 16;

export type AesgcmFileErrorKind =
  /** Not an aesgcm link with an https address and a 12- or 16-byte IV and a 32-byte key in hex. */
  | 'malformed-link'
  /** The tag did not match (a changed byte, the wrong key) or there are fewer bytes than a tag: nothing is kept. */
  | 'not-authentic';

export class AesgcmFileError extends Error {
  override readonly name = 'AesgcmFileError';
  constructor(
    readonly kind: AesgcmFileErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A parsed link: where the ciphertext is and how to open it. */
export interface AesgcmLink {
  /** The upload's https address (no fragment): what is downloaded. */
  readonly httpsUrl: string;
  readonly iv: Uint8Array;
  readonly key: Uint8Array;
}

export interface SealedFile {
  /** The ciphertext followed by the 16-byte tag: what is uploaded. */
  readonly ciphertext: Uint8Array;
  readonly iv: Uint8Array;
  readonly key: Uint8Array;
}

const HEX_FRAGMENT = new RegExp(`^(?:${READ_IV_BYTES.map((n) => `[0-9a-fA-F]{${2 * n}}`).join('|')})[0-9a-fA-F]{${2 * KEY_BYTES}}$`);

/** The link's parts, or null when `text` is not exactly one well-formed aesgcm link (hostile input included). */
export function aesgcmLinkOrNull(text: string): AesgcmLink | null {
  if (text.length > MAX_OOB_URL_LENGTH || text.slice(0, AESGCM_SCHEME.length).toLowerCase() !== AESGCM_SCHEME) return null;
  const hash = text.indexOf('#');
  if (hash < 0) return null;
  const fragment = text.slice(hash + 1);
  if (!HEX_FRAGMENT.test(fragment)) return null;
  const address = text.slice(AESGCM_SCHEME.length, hash);
  // A host first (the https parser would take "aesgcm:///x" as host "x"), and no backslash (it reads one as '/').
  if (!/^[^/?\\]/.test(address) || address.includes('\\')) return null;
  const httpsUrl = `https://${address}`;
  // isHttpsLink: a host, no credentials, no whitespace; the part before '#' has no fragment of its own.
  if (!isHttpsLink(httpsUrl)) return null;
  const ivHex = fragment.slice(0, fragment.length - 2 * KEY_BYTES);
  return { httpsUrl, iv: Buffer.from(ivHex, 'hex'), key: Buffer.from(fragment.slice(ivHex.length), 'hex') };
}

export const isAesgcmLink = (text: string): boolean => aesgcmLinkOrNull(text) !== null;

/** As aesgcmLinkOrNull, refusing with 'malformed-link' (words without the link). */
export function parseAesgcmLink(text: string): AesgcmLink {
  const link = aesgcmLinkOrNull(text);
  if (link === null) throw new AesgcmFileError('malformed-link', 'The file could not be decrypted: its link does not say how (it is not a well-formed aesgcm link).');
  return link;
}

/** The link for an upload at `httpsUrl` sealed with `iv` and `key` (lower-case hex, IV then key). */
export function formatAesgcmLink(httpsUrl: string, { iv, key }: Pick<SealedFile, 'iv' | 'key'>): string {
  if (!isHttpsLink(httpsUrl) || httpsUrl.includes('#')) throw new Error('An aesgcm link is made from an https address without a fragment.');
  if (!READ_IV_BYTES.includes(iv.byteLength) || key.byteLength !== KEY_BYTES) throw new Error('An aesgcm link needs a 12- or 16-byte IV and a 32-byte key.');
  return `${AESGCM_SCHEME}${httpsUrl.slice('https://'.length)}#${Buffer.from(iv).toString('hex')}${Buffer.from(key).toString('hex')}`;
}

/** Seals `plain` under a fresh random key and IV (never reused: one key per file). */
export function encryptFile(plain: Uint8Array, random: (size: number) => Uint8Array = randomBytes): SealedFile {
  const iv = random(IV_BYTES);
  const key = random(KEY_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: new Uint8Array(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength), iv, key };
}

/** Opens what encryptFile (or another client) sealed; refuses with 'not-authentic' unless the tag matches. */
export function decryptFile(sealed: Uint8Array, { iv, key }: Pick<AesgcmLink, 'iv' | 'key'>): Uint8Array {
  if (sealed.byteLength < TAG_BYTES) throw notAuthentic();
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES));
  try {
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.byteLength - TAG_BYTES)), decipher.final()]);
    return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
  } catch {
    throw notAuthentic();
  }
}

const notAuthentic = () =>
  new AesgcmFileError('not-authentic', 'The file could not be decrypted: it was changed on the way or on the server, or its key is not the one it was sealed with. Nothing was kept.');
