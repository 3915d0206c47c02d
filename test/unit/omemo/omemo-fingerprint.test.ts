/**
 * Fingerprints as the other clients show them (the identity key without its 0x05 byte, lower-case hex in 8 groups
 * of 8) and Conversations' `xmpp:` QR-code URI with `omemo-sid-<id>=<hex>` parameters: built and read back, and
 * every malformed URI refused with `malformed-uri`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFingerprintUri, fingerprintHex, fingerprintOf, parseFingerprintUri } from '../../../main/omemo/omemo-fingerprint.js';
import { refusalOfCall as refusal } from './omemo-refusal.js';

const HEX_A = '0123456789abcdef'.repeat(4);
const HEX_B = 'fedcba9876543210'.repeat(4);


describe('OMEMO fingerprints', () => {
  it('shows the identity key without its type byte, lower-case hex in 8 groups of 8', () => {
    const key = new Uint8Array([0x05, ...Buffer.from(HEX_B, 'hex')]);
    expect(fingerprintHex(key)).toBe(HEX_B);
    expect(fingerprintOf(key)).toBe('fedcba98 76543210 fedcba98 76543210 fedcba98 76543210 fedcba98 76543210');
  });

  it('refuses what is not a 33-byte curve key', () => {
    expect(refusal(() => fingerprintOf(new Uint8Array(32)))).toBe('invalid-input');
    expect(refusal(() => fingerprintOf(new Uint8Array(33)))).toBe('invalid-input');
  });
});

describe('the xmpp: fingerprint URI', () => {
  it('is written as Conversations writes it, several devices joined with ";"', () => {
    expect(buildFingerprintUri('alice@example.org', [{ deviceId: 1234, fingerprint: HEX_A }])).toBe(`xmpp:alice@example.org?omemo-sid-1234=${HEX_A}`);
    expect(
      buildFingerprintUri('alice@example.org', [
        { deviceId: 1234, fingerprint: HEX_A },
        { deviceId: 2147483647, fingerprint: HEX_B },
      ]),
    ).toBe(`xmpp:alice@example.org?omemo-sid-1234=${HEX_A};omemo-sid-2147483647=${HEX_B}`);
  });

  it('reads back what it wrote, for any devices', () => {
    const device = fc.record({ deviceId: fc.integer({ min: 1, max: 0x7fffffff }), fingerprint: fc.stringMatching(/^[0-9a-f]{64}$/) });
    fc.assert(
      fc.property(fc.uniqueArray(device, { selector: (d) => d.deviceId, maxLength: 5 }), fc.constantFrom('alice@example.org', 'o?brien;x=1@example.org'), (devices, jid) => {
        expect(parseFingerprintUri(buildFingerprintUri(jid, devices))).toEqual({ jid, devices });
      }),
    );
  });

  it('reads upper-case hex and parameter names, an action and other parameters, and the JID in canonical form', () => {
    expect(parseFingerprintUri(`XMPP:Alice@Example.org?message;OMEMO-SID-7=${HEX_A.toUpperCase()};body=hi`)).toEqual({
      jid: 'alice@example.org',
      devices: [{ deviceId: 7, fingerprint: HEX_A }],
    });
    expect(parseFingerprintUri('xmpp:alice@example.org')).toEqual({ jid: 'alice@example.org', devices: [] });
  });

  it.each([
    ['another scheme', `https://example.org/?omemo-sid-1=${HEX_A}`],
    ['an authority', `xmpp://alice@example.org?omemo-sid-1=${HEX_A}`],
    ['no JID', `xmpp:?omemo-sid-1=${HEX_A}`],
    ['a JID without a local part', `xmpp:example.org?omemo-sid-1=${HEX_A}`],
    ['a full JID', `xmpp:alice@example.org/phone?omemo-sid-1=${HEX_A}`],
    ['a broken escape', `xmpp:al%ZZice@example.org?omemo-sid-1=${HEX_A}`],
    ['device id 0', `xmpp:alice@example.org?omemo-sid-0=${HEX_A}`],
    ['a device id past 2^31 - 1', `xmpp:alice@example.org?omemo-sid-2147483648=${HEX_A}`],
    ['a device id with a leading zero', `xmpp:alice@example.org?omemo-sid-07=${HEX_A}`],
    ['a device id that is not a number', `xmpp:alice@example.org?omemo-sid-abc=${HEX_A}`],
    ['a short fingerprint', `xmpp:alice@example.org?omemo-sid-1=${HEX_A.slice(2)}`],
    ['a fingerprint with its 05 type byte', `xmpp:alice@example.org?omemo-sid-1=05${HEX_A}`],
    ['a fingerprint that is not hex', `xmpp:alice@example.org?omemo-sid-1=${HEX_A.slice(1)}g`],
    ['a fingerprint with spaces', `xmpp:alice@example.org?omemo-sid-1=${fingerprintOf(new Uint8Array([5, ...Buffer.from(HEX_A, 'hex')]))}`],
    ['no fingerprint', 'xmpp:alice@example.org?omemo-sid-1'],
    ['one device twice', `xmpp:alice@example.org?omemo-sid-1=${HEX_A};omemo-sid-1=${HEX_B}`],
    ['an empty query part', `xmpp:alice@example.org?omemo-sid-1=${HEX_A};`],
    ['a fragment', `xmpp:alice@example.org?omemo-sid-1=${HEX_A}#x`],
  ])('refuses %s', (_what, uri) => {
    expect(refusal(() => parseFingerprintUri(uri))).toBe('malformed-uri');
  });

  it('refuses to write a URI from a JID or fingerprint that is not one', () => {
    expect(refusal(() => buildFingerprintUri('Alice@example.org', []))).toBe('invalid-input');
    expect(refusal(() => buildFingerprintUri('alice@example.org', [{ deviceId: 1, fingerprint: HEX_A.toUpperCase() }]))).toBe('invalid-input');
    expect(refusal(() => buildFingerprintUri('alice@example.org', [{ deviceId: 0, fingerprint: HEX_A }]))).toBe('invalid-input');
  });
});
