/**
 * The axolotl payload: AES-128-GCM with a 12-byte IV, the tag carried after the key (key ‖ tag = 32 bytes), never
 * in the payload. Any text round-trips; a changed payload, IV, key or tag is refused with `bad-payload`; what older
 * Conversations sent (a 16-byte IV, or a 16-byte key with the tag after the payload) is read.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyTransportMaterial, openPayload, sealPayload } from '../../../main/omemo/omemo-payload.js';
import { refusalOfCall as refusal } from './omemo-refusal.js';


const flip = (bytes: Uint8Array, index: number) => {
  const copy = new Uint8Array(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
};

describe('the axolotl payload', () => {
  it('round-trips any text, with 32 bytes of key material and a 12-byte IV, the payload as long as the UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const sealed = sealPayload(text);
        expect(sealed.keyMaterial.byteLength).toBe(32);
        expect(sealed.iv.byteLength).toBe(12);
        expect(sealed.payload.byteLength).toBe(Buffer.byteLength(text, 'utf8'));
        expect(openPayload(sealed.keyMaterial, sealed.iv, sealed.payload)).toBe(text);
      }),
    );
  });

  it('uses a fresh key and IV for every message', () => {
    const a = sealPayload('same');
    const b = sealPayload('same');
    expect(Buffer.from(a.keyMaterial).equals(Buffer.from(b.keyMaterial))).toBe(false);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
  });

  it('refuses a changed payload, IV, key or tag with bad-payload', () => {
    const sealed = sealPayload('Meet me at the station at nine.');
    fc.assert(
      fc.property(fc.nat(sealed.payload.byteLength - 1), (index) => {
        expect(refusal(() => openPayload(sealed.keyMaterial, sealed.iv, flip(sealed.payload, index)))).toBe('bad-payload');
      }),
    );
    expect(refusal(() => openPayload(sealed.keyMaterial, flip(sealed.iv, 0), sealed.payload))).toBe('bad-payload');
    expect(refusal(() => openPayload(flip(sealed.keyMaterial, 3), sealed.iv, sealed.payload))).toBe('bad-payload');
    expect(refusal(() => openPayload(flip(sealed.keyMaterial, 31), sealed.iv, sealed.payload))).toBe('bad-payload');
    expect(refusal(() => openPayload(sealed.keyMaterial.subarray(0, 31), sealed.iv, sealed.payload))).toBe('bad-payload');
    expect(refusal(() => openPayload(sealed.keyMaterial, sealed.iv.subarray(0, 8), sealed.payload))).toBe('bad-payload');
  });

  it('refuses text that authenticates but is not UTF-8', () => {
    const key = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-128-gcm', key, iv);
    const payload = Buffer.concat([cipher.update(Buffer.from([0xc3, 0x28])), cipher.final()]);
    expect(refusal(() => openPayload(Buffer.concat([key, cipher.getAuthTag()]), iv, payload))).toBe('bad-payload');
  });

  it('reads what older Conversations sent: a 16-byte IV, and a 16-byte key with the tag after the payload', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update('Hällo from 2016', 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    expect(openPayload(Buffer.concat([key, tag]), iv, ciphertext)).toBe('Hällo from 2016');
    expect(openPayload(key, iv, Buffer.concat([ciphertext, tag]))).toBe('Hällo from 2016');
  });

  it('makes 32 random bytes of key material for a key-transport message', () => {
    const a = keyTransportMaterial();
    expect(a.keyMaterial.byteLength).toBe(32);
    expect(a.iv.byteLength).toBe(12);
    expect(Buffer.from(a.keyMaterial).equals(Buffer.from(keyTransportMaterial().keyMaterial))).toBe(false);
  });
});
