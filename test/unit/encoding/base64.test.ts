import { describe, expect, it } from 'vitest';
import {
  decodeStrictBase64,
  decodeStrictBase64Url,
  encodeBase64,
  encodeBase64Url,
} from '../../../main/encoding/base64.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('decodeStrictBase64 (RFC 4648 §4, padding optional)', () => {
  it.each([
    ['', bytes()],
    ['AA==', bytes(0)],
    ['AA', bytes(0)],
    ['AAE=', bytes(0, 1)],
    ['AAE', bytes(0, 1)],
    ['AAEC', bytes(0, 1, 2)],
    ['+/8=', bytes(0xfb, 0xff)],
    ['+/8', bytes(0xfb, 0xff)],
  ])('accepts %j', (text, expected) => {
    expect(decodeStrictBase64(text)).toEqual(expected);
  });

  it.each([
    ['-_8=', 'URL-safe alphabet'],
    ['AA=', 'padding that does not complete the quantum'],
    ['AAE==', 'too much padding'],
    ['AA===', 'three padding characters'],
    ['A', 'a single leftover character'],
    ['AAAAA', 'five characters'],
    ['AA==AA==', 'data after padding'],
    ['AA =', 'a space'],
    ['AA\n==', 'a newline'],
    ['AA.=', 'a character outside the alphabet'],
    ['=AAA', 'padding first'],
    ['AB==', 'non-zero unused bits (AA== is the canonical form)'],
    ['AAF=', 'non-zero unused bits in a 2-byte tail (AAE= is canonical)'],
    ['AAÉ=', 'a non-ASCII letter'],
  ])('rejects %j (%s)', (text) => {
    expect(decodeStrictBase64(text)).toBeNull();
  });

  it('refuses what Buffer.from(…, "base64") would silently accept', () => {
    // Node decodes this to bytes by skipping the junk; the strict decoder must not.
    const lenient = '4/mggdlVx8A3pvHAWW5sD+qJyMtUHgiRuPjVC48N0XQ=!!';
    expect(Buffer.from(lenient, 'base64').byteLength).toBe(32);
    expect(decodeStrictBase64(lenient)).toBeNull();
  });

  it('decodes padded and unpadded forms of the RFC 7711 example value to the same 32 bytes', () => {
    const padded = decodeStrictBase64('4/mggdlVx8A3pvHAWW5sD+qJyMtUHgiRuPjVC48N0XQ=');
    const unpadded = decodeStrictBase64('4/mggdlVx8A3pvHAWW5sD+qJyMtUHgiRuPjVC48N0XQ');
    expect(padded?.byteLength).toBe(32);
    expect(unpadded).toEqual(padded);
  });
});

describe('decodeStrictBase64Url (unpadded, for x5t)', () => {
  it('accepts the seed example x5t as 20 bytes', () => {
    expect(decodeStrictBase64Url('UpjRI_A3afKE8_AIeTZ5o1dECTY')?.byteLength).toBe(20);
  });

  it.each([
    ['-_8', bytes(0xfb, 0xff)],
    ['AAEC', bytes(0, 1, 2)],
    ['', bytes()],
  ])('accepts %j', (text, expected) => {
    expect(decodeStrictBase64Url(text)).toEqual(expected);
  });

  it.each([
    ['+/8', 'the standard alphabet'],
    ['-_8=', 'padding'],
    ['A', 'a single leftover character'],
    ['AB', 'non-zero unused bits'],
    ['UpjRI_A3afKE8_AIeTZ5o1dECTY ', 'a trailing space'],
  ])('rejects %j (%s)', (text) => {
    expect(decodeStrictBase64Url(text)).toBeNull();
  });
});

describe('encoders', () => {
  it('produce the canonical forms that the strict decoders read back', () => {
    const value = bytes(0xfb, 0xff, 0x00, 0x10);
    expect(encodeBase64(value)).toBe('+/8AEA==');
    expect(encodeBase64Url(value)).toBe('-_8AEA');
    expect(decodeStrictBase64(encodeBase64(value))).toEqual(value);
    expect(decodeStrictBase64Url(encodeBase64Url(value))).toEqual(value);
  });

  it('encode only the view, not the whole underlying buffer', () => {
    const view = new Uint8Array([9, 1, 2, 9]).subarray(1, 3);
    expect(encodeBase64(view)).toBe('AQI=');
  });
});
