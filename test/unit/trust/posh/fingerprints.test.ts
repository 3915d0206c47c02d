import { describe, expect, it } from 'vitest';
import { encodeBase64, encodeBase64Url } from '../../../../main/encoding/base64.js';
import { certificateDigest, DIGEST_LENGTH, digestsEqual } from '../../../../main/trust/posh/fingerprints.js';
import { loadPoshVectors, vectorCertificateDer } from '../../../harness/posh-vectors.js';

const vectors = loadPoshVectors();

describe('certificateDigest over the whole certificate DER (expected.json)', () => {
  for (const [file, expected] of Object.entries(vectors.certificates)) {
    it(`${file}: sha-256${expected['sha-512'] ? ', sha-512' : ''}${expected.x5t ? ', x5t' : ''}`, () => {
      const der = vectorCertificateDer(file);
      expect(encodeBase64(certificateDigest(der, 'sha-256'))).toBe(expected['sha-256']);
      if (expected['sha-512']) expect(encodeBase64(certificateDigest(der, 'sha-512'))).toBe(expected['sha-512']);
      if (expected.x5t) expect(encodeBase64Url(certificateDigest(der, 'sha-1'))).toBe(expected.x5t);
    });
  }

  it('reads posh.badxmpp.eu.der as DER, not PEM', () => {
    // The file starts with a DER SEQUENCE tag; the fingerprint must be over exactly those bytes.
    const der = vectorCertificateDer('posh.badxmpp.eu.der');
    expect(der[0]).toBe(0x30);
    expect(encodeBase64(certificateDigest(der, 'sha-256'))).toBe(vectors.certificates['posh.badxmpp.eu.der']?.['sha-256']);
  });

  it('is not the SubjectPublicKeyInfo hash a pin uses', () => {
    const expected = vectors.certificates['im.example.com_primary.crt'];
    const der = vectorCertificateDer('im.example.com_primary.crt');
    expect(encodeBase64(certificateDigest(der, 'sha-256'))).not.toBe(expected?.spkiSha256);
  });

  it('yields the length each hash is expected to have', () => {
    const der = vectorCertificateDer('im.example.com_primary.crt');
    for (const hash of ['sha-1', 'sha-256', 'sha-384', 'sha-512'] as const) {
      expect(certificateDigest(der, hash).byteLength).toBe(DIGEST_LENGTH[hash]);
    }
    expect(DIGEST_LENGTH).toEqual({ 'sha-1': 20, 'sha-256': 32, 'sha-384': 48, 'sha-512': 64 });
  });
});

describe('digestsEqual', () => {
  const a = new Uint8Array(32).fill(7);
  it('is true for equal bytes', () => expect(digestsEqual(a, new Uint8Array(32).fill(7))).toBe(true));
  it('is false when one byte differs', () => {
    const b = new Uint8Array(32).fill(7);
    b[31] = 8;
    expect(digestsEqual(a, b)).toBe(false);
  });
  it('is false (and does not throw) for different lengths, even with a common prefix', () => {
    expect(digestsEqual(a, a.subarray(0, 20))).toBe(false);
    expect(digestsEqual(new Uint8Array(0), a)).toBe(false);
  });
});
