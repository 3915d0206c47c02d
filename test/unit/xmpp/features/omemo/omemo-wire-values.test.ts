import { describe, expect, it } from 'vitest';
import { decodeWireBase64, deviceIdOrNull, keyIdOrNull, readWireBytes, xsdBooleanOrNull } from '../../../../../main/xmpp/features/omemo/omemo-wire-values.js';
import { b64, bytes } from './omemo-test-data.js';

describe('OMEMO ids', () => {
  it('reads device ids in 1 … 2^31 − 1 spelled as plain decimals', () => {
    expect(deviceIdOrNull('1')).toBe(1);
    expect(deviceIdOrNull('2147483647')).toBe(2147483647);
    for (const bad of ['0', '2147483648', '4294967296', '-1', '+5', ' 5', '5 ', '05', '1e3', '0x10', '1.0', '', '99999999999', null, undefined]) {
      expect(deviceIdOrNull(bad), String(bad)).toBeNull();
    }
  });

  it('reads pre-key ids in 0 … 2^32 − 1', () => {
    expect(keyIdOrNull('0')).toBe(0);
    expect(keyIdOrNull('4294967295')).toBe(4294967295);
    expect(keyIdOrNull('4294967296')).toBeNull();
    expect(keyIdOrNull('-0')).toBeNull();
  });

  it("reads XEP-0384's prekey flag as an XML Schema boolean, absent meaning false", () => {
    expect([xsdBooleanOrNull('true'), xsdBooleanOrNull('1'), xsdBooleanOrNull('false'), xsdBooleanOrNull('0'), xsdBooleanOrNull(null)]).toEqual([true, true, false, false, false]);
    expect(xsdBooleanOrNull('TRUE')).toBeNull();
    expect(xsdBooleanOrNull('yes')).toBeNull();
  });
});

describe('base64 on the OMEMO wire', () => {
  it('decodes canonical base64, padded or not', () => {
    const value = bytes(33);
    expect(decodeWireBase64(b64(value), 64)).toEqual(value);
    expect(decodeWireBase64(b64(value).replace(/=+$/, ''), 64)).toEqual(value);
  });

  it('accepts the line folding Conversations writes, and nothing else between characters', () => {
    const text = b64(bytes(100));
    const folded = `\n  ${text.slice(0, 76)}\r\n${text.slice(76)}\n`;
    expect(decodeWireBase64(folded, 200)).toEqual(bytes(100));
    expect(decodeWireBase64(`${text.slice(0, 10)}\u00a0${text.slice(10)}`, 200)).toBeNull();
  });

  it('refuses the URL-safe alphabet, wrong padding, non-zero trailing bits and junk', () => {
    expect(decodeWireBase64('-_-_', 10)).toBeNull();
    expect(decodeWireBase64('QQ=', 10)).toBeNull();
    expect(decodeWireBase64('QR==', 10)).toBeNull(); // 'QQ==' is the one encoding of "A"
    expect(decodeWireBase64('QQ==QQ==', 10)).toBeNull();
    expect(decodeWireBase64('Q', 10)).toBeNull();
    expect(decodeWireBase64('<![CDATA[', 10)).toBeNull();
  });

  it('refuses empty text and text longer than the limit, before decoding it', () => {
    expect(decodeWireBase64('', 10)).toBeNull();
    expect(decodeWireBase64('  \n ', 10)).toBeNull();
    expect(decodeWireBase64(b64(bytes(11)), 10)).toBeNull();
    expect(decodeWireBase64(b64(bytes(10)), 10)).toEqual(bytes(10));
    expect(decodeWireBase64(' '.repeat(1_000_000), 10)).toBeNull();
  });

  it('says whether text was too big or not base64', () => {
    expect(readWireBytes(b64(bytes(11)), 10, 'iv')).toEqual({ ok: false, problem: { kind: 'too-big', where: 'iv' } });
    expect(readWireBytes('A'.repeat(1_000_000), 10, 'iv')).toEqual({ ok: false, problem: { kind: 'too-big', where: 'iv' } });
    expect(readWireBytes('QR==', 10, 'iv')).toEqual({ ok: false, problem: { kind: 'bad-base64', where: 'iv' } });
    expect(readWireBytes('', 10, 'iv')).toEqual({ ok: false, problem: { kind: 'bad-base64', where: 'iv' } });
    expect(readWireBytes('QQ==', 10, 'iv')).toEqual({ ok: true, bytes: new Uint8Array([0x41]) });
  });
});
