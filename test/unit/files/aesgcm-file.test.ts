/**
 * issue 15: encrypted files (XEP-0454). The codec (aesgcm-file.ts): the bytes sealed and opened in the layout
 * the other clients use, and the aesgcm link read from hostile text and written.
 */
import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AesgcmFileError,
  aesgcmLinkOrNull,
  decryptFile,
  encryptFile,
  formatAesgcmLink,
  isAesgcmLink,
  parseAesgcmLink,
  TAG_BYTES,
  type AesgcmFileErrorKind,
} from '../../../main/files/aesgcm-file.js';

const PLAIN = new TextEncoder().encode('the plans for the garden, in full\n');
const IV12 = 'a1'.repeat(12);
const IV16 = 'b2'.repeat(16);
const KEY = '0f'.repeat(32);
const UPLOAD = 'https://upload.example.org:5281/file_share/3f2a/plans%20v2.txt';

/** The kind an AesgcmFileError was refused with, or what else was thrown. */
function refusalOf(run: () => unknown): AesgcmFileErrorKind | string {
  try {
    run();
    return 'not refused';
  } catch (error) {
    return error instanceof AesgcmFileError ? error.kind : String(error);
  }
}

describe('sealing and opening a file', () => {
  it('round-trips with a fresh 12-byte IV and 32-byte key each time', () => {
    const a = encryptFile(PLAIN);
    const b = encryptFile(PLAIN);
    expect(a.iv.byteLength).toBe(12);
    expect(a.key.byteLength).toBe(32);
    expect(Buffer.from(a.key).equals(Buffer.from(b.key))).toBe(false);
    expect(Buffer.from(decryptFile(a.ciphertext, a)).toString()).toBe(new TextDecoder().decode(PLAIN));
  });

  it('lays the bytes out as XEP-0454 says: the ciphertext, then the 16-byte tag (opened here with node directly)', () => {
    const sealed = encryptFile(PLAIN);
    expect(sealed.ciphertext.byteLength).toBe(PLAIN.byteLength + TAG_BYTES);
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from(PLAIN))).toBe(false);
    const decipher = createDecipheriv('aes-256-gcm', sealed.key, sealed.iv);
    decipher.setAuthTag(sealed.ciphertext.subarray(PLAIN.byteLength));
    const plain = Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, PLAIN.byteLength)), decipher.final()]);
    expect(plain.equals(Buffer.from(PLAIN))).toBe(true);
  });

  it('opens an empty file, and a file sealed with a 16-byte IV (as Conversations wrote)', () => {
    const empty = encryptFile(new Uint8Array(0));
    expect(decryptFile(empty.ciphertext, empty).byteLength).toBe(0);
    const random = (n: number) => new Uint8Array(n).fill(n);
    const long = encryptFile(PLAIN, (n) => random(n === 12 ? 16 : n));
    expect(long.iv.byteLength).toBe(16);
    expect(Buffer.from(decryptFile(long.ciphertext, long)).equals(Buffer.from(PLAIN))).toBe(true);
  });

  it('refuses a changed byte anywhere (text or tag), the wrong key, the wrong IV, and fewer bytes than a tag', () => {
    const sealed = encryptFile(PLAIN);
    for (const at of [0, 5, PLAIN.byteLength - 1, PLAIN.byteLength, sealed.ciphertext.byteLength - 1]) {
      const changed = new Uint8Array(sealed.ciphertext);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      expect(refusalOf(() => decryptFile(changed, sealed))).toBe('not-authentic');
    }
    const otherKey = new Uint8Array(sealed.key);
    otherKey[0] = (otherKey[0] ?? 0) ^ 0x80;
    expect(refusalOf(() => decryptFile(sealed.ciphertext, { iv: sealed.iv, key: otherKey }))).toBe('not-authentic');
    expect(refusalOf(() => decryptFile(sealed.ciphertext, { iv: new Uint8Array(12), key: sealed.key }))).toBe('not-authentic');
    expect(refusalOf(() => decryptFile(sealed.ciphertext.subarray(0, TAG_BYTES - 1), sealed))).toBe('not-authentic');
    expect(refusalOf(() => decryptFile(sealed.ciphertext.subarray(0, PLAIN.byteLength), sealed))).toBe('not-authentic');
  });

  it('says in words that the file could not be decrypted, without the key', () => {
    const sealed = encryptFile(PLAIN);
    const changed = new Uint8Array(sealed.ciphertext);
    changed[0] = (changed[0] ?? 0) ^ 0xff;
    try {
      decryptFile(changed, sealed);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/^The file could not be decrypted/);
      expect((error as Error).message).not.toContain(Buffer.from(sealed.key).toString('hex'));
    }
  });
});

describe('the aesgcm link', () => {
  it('is the https address with its scheme replaced, then the IV and the key in lower-case hex', () => {
    const iv = Buffer.from(IV12, 'hex');
    const key = Buffer.from(KEY, 'hex');
    const link = formatAesgcmLink(UPLOAD, { iv, key });
    expect(link).toBe(`aesgcm://upload.example.org:5281/file_share/3f2a/plans%20v2.txt#${IV12}${KEY}`);
    const parsed = parseAesgcmLink(link);
    expect(parsed.httpsUrl).toBe(UPLOAD);
    expect(Buffer.from(parsed.iv).toString('hex')).toBe(IV12);
    expect(Buffer.from(parsed.key).toString('hex')).toBe(KEY);
  });

  it('reads 16-byte IVs, upper-case hex and a query string', () => {
    const parsed = parseAesgcmLink(`aesgcm://up.example/f/a.bin?x=1#${IV16.toUpperCase()}${KEY}`);
    expect(parsed.httpsUrl).toBe('https://up.example/f/a.bin?x=1');
    expect(parsed.iv.byteLength).toBe(16);
  });

  it('refuses hostile and malformed links (typed, and never a throw from the URL parser)', () => {
    const hostile = [
      '',
      'aesgcm://',
      `https://up.example/a.bin#${IV12}${KEY}`,
      `aesgcm://up.example/a.bin`,
      `aesgcm://up.example/a.bin#`,
      `aesgcm://up.example/a.bin#${IV12}${KEY.slice(2)}`, // short key
      `aesgcm://up.example/a.bin#${'a1'.repeat(8)}${KEY}`, // 8-byte IV
      `aesgcm://up.example/a.bin#${'a1'.repeat(14)}${KEY}`, // 14-byte IV
      `aesgcm://up.example/a.bin#${IV12}${KEY}00`, // too long
      `aesgcm://up.example/a.bin#${IV12}${KEY.slice(2)}zz`, // not hex
      `aesgcm://up.example/a.bin#${IV12} ${KEY}`,
      `aesgcm://up.example/a.bin#${IV12}${KEY}#${IV12}${KEY}`,
      `aesgcm://user:pw@up.example/a.bin#${IV12}${KEY}`,
      `aesgcm:///a.bin#${IV12}${KEY}`,
      `aesgcm://up example/a.bin#${IV12}${KEY}`,
      `aesgcm://up.example\\a.bin#${IV12}${KEY}`,
      `aesgcm://up.example/a.bin\n#${IV12}${KEY}`,
      ` aesgcm://up.example/a.bin#${IV12}${KEY}`,
      `aesgcm://up.example/${'a'.repeat(2100)}#${IV12}${KEY}`,
      `aesgcm://[::1/a.bin#${IV12}${KEY}`,
      `look: aesgcm://up.example/a.bin#${IV12}${KEY}`,
    ];
    for (const text of hostile) {
      expect(aesgcmLinkOrNull(text), text).toBeNull();
      expect(isAesgcmLink(text)).toBe(false);
      expect(refusalOf(() => parseAesgcmLink(text))).toBe('malformed-link');
    }
  });

  it('is written only for an https address without a fragment, with a 12- or 16-byte IV and a 32-byte key', () => {
    const key = Buffer.from(KEY, 'hex');
    const iv = Buffer.from(IV12, 'hex');
    expect(() => formatAesgcmLink('http://up.example/a', { iv, key })).toThrow();
    expect(() => formatAesgcmLink('https://up.example/a#frag', { iv, key })).toThrow();
    expect(() => formatAesgcmLink(UPLOAD, { iv: new Uint8Array(8), key })).toThrow();
    expect(() => formatAesgcmLink(UPLOAD, { iv, key: new Uint8Array(16) })).toThrow();
  });
});
