import { describe, expect, it } from 'vitest';
import { decodePaddedBase64 as decodeStrictBase64 } from '../../../main/encoding/base64.js';

describe('decodePaddedBase64 (SCRAM)', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg==', 'foob'],
    ['Zm9vYmE=', 'fooba'],
    ['Zm9vYmFy', 'foobar'],
  ])('decodes %j to %j', (encoded, decoded) => {
    const result = decodeStrictBase64(encoded);
    expect(result).not.toBeNull();
    expect(new TextDecoder().decode(result ?? new Uint8Array())).toBe(decoded);
  });

  it('decodes the "+" and "/" characters of the standard alphabet', () => {
    expect([...(decodeStrictBase64('+/8=') ?? [])]).toEqual([0xfb, 0xff]);
  });

  it.each([
    ['missing padding', 'Zg'],
    ['half the padding', 'Zg='],
    ['too much padding', 'Zm9v===='],
    ['padding in the middle', 'Zg==Zg=='],
    ['non-zero bits under the padding', 'Zh=='],
    ['non-zero bits under one "="', 'Zm9='],
    ['a space', 'Zm 9v'],
    ['a trailing newline', 'Zm9v\n'],
    ['the URL-safe alphabet', 'Zm-_'],
    ['a character outside the alphabet', 'Zm9*'],
  ])('refuses %s (%j)', (_case, encoded) => {
    expect(decodeStrictBase64(encoded)).toBeNull();
  });
});
