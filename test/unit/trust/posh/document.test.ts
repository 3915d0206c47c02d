import { describe, expect, it } from 'vitest';
import { decodeStrictBase64, decodeStrictBase64Url } from '../../../../main/encoding/base64.js';
import { parsePoshDocument, type PoshDocument } from '../../../../main/trust/posh/document.js';
import { loadPoshVectors, seedJwkSetText, vectorDocumentText } from '../../../harness/posh-vectors.js';

const vectors = loadPoshVectors();
const primary = vectors.certificates['im.example.com_primary.crt']!;
const rollover = vectors.certificates['im.example.com_rollover.crt']!;
const SHA256 = primary['sha-256'];
const SHA512 = primary['sha-512']!;
const SHA384 = Buffer.alloc(48, 1).toString('base64');
const X5T = primary.x5t!;

const rfc = (document: unknown): PoshDocument => parsePoshDocument(JSON.stringify(document), 'rfc7711');
const seed = (document: unknown): PoshDocument => parsePoshDocument(JSON.stringify(document), 'seed');

function expectInvalid(result: PoshDocument, reasonPart: RegExp): void {
  expect(result.kind).toBe('invalid');
  if (result.kind === 'invalid') expect(result.reason).toMatch(reasonPart);
}

describe('RFC 7711 example documents (expected.json) parse', () => {
  it('fingerprints document: both hashes decoded from the published values', () => {
    const result = parsePoshDocument(vectorDocumentText('rfc7711-fingerprints'), 'rfc7711');
    expect(result.kind).toBe('fingerprints');
    if (result.kind !== 'fingerprints') return;
    expect(result.expires).toBe(604800);
    expect(result.fingerprints).toHaveLength(1);
    expect(result.fingerprints[0]?.get('sha-256')).toEqual(decodeStrictBase64(SHA256));
    expect(result.fingerprints[0]?.get('sha-512')).toEqual(decodeStrictBase64(SHA512));
  });

  it('rollover document with an unpadded first value: two descriptors', () => {
    const result = parsePoshDocument(vectorDocumentText('rfc7711-rollover-note-unpadded-first-value'), 'rfc7711');
    expect(result.kind).toBe('fingerprints');
    if (result.kind !== 'fingerprints') return;
    expect(result.expires).toBe(806400);
    expect(result.fingerprints).toHaveLength(2);
    expect(result.fingerprints[0]?.get('sha-256')).toEqual(decodeStrictBase64(SHA256));
    expect(result.fingerprints[1]?.get('sha-256')).toEqual(decodeStrictBase64(rollover['sha-256']));
  });

  it('reference documents, RFC and seed', () => {
    expect(parsePoshDocument(vectorDocumentText('rfc7711-reference'), 'rfc7711')).toEqual({
      kind: 'reference',
      url: 'https://hosting.example.net/.well-known/posh/xmpp-client.json',
      expires: 86400,
    });
    expect(parsePoshDocument(vectorDocumentText('seed-reference'), 'seed')).toEqual({
      kind: 'reference',
      url: 'https://hosting.example.net/.well-known/posh._xmpp-client._tcp.json',
      expires: 86400,
    });
  });
});

describe('seed JWK set', () => {
  it('the sample seed-jwk-set.json is invalid because it lacks expires', () => {
    expectInvalid(parsePoshDocument(seedJwkSetText(), 'seed'), /expires.*missing/);
  });

  it('the same sample with expires parses: one x5t, the x5c kept for display', () => {
    const withExpires = { ...(JSON.parse(seedJwkSetText()) as object), expires: 3600 };
    const result = seed(withExpires);
    expect(result.kind).toBe('jwk-set');
    if (result.kind !== 'jwk-set') return;
    expect(result.x5t).toEqual([decodeStrictBase64Url(X5T)]);
    expect(result.x5c[0]).toHaveLength(2);
    expect(result.expires).toBe(3600);
  });

  it.each(['d', 'p', 'q', 'dp', 'dq', 'qi'])('a key carrying private member %s makes it invalid', (member) => {
    expectInvalid(seed({ keys: [{ kty: 'RSA', x5t: X5T, [member]: 'AQAB' }], expires: 60 }), /private key material/);
  });

  it.each([
    // RFC 7517 §4.1: "kty" is required in every JWK (posh.md §2.2).
    [{ keys: [{ x5t: X5T }], expires: 60 }, /key 1 has no "kty"/],
    [{ keys: [{ kty: 7, x5t: X5T }], expires: 60 }, /"kty" of key 1 is not a non-empty string/],
    [{ keys: [{ kty: null, x5t: X5T }], expires: 60 }, /"kty" of key 1 is not a non-empty string/],
    [{ keys: [{ kty: ['RSA'], x5t: X5T }], expires: 60 }, /"kty" of key 1 is not a non-empty string/],
    [{ keys: [{ kty: '', x5t: X5T }], expires: 60 }, /"kty" of key 1 is not a non-empty string/],
    [{ keys: [{ kty: 'RSA', x5t: X5T }, { x5t: X5T }], expires: 60 }, /key 2 has no "kty"/],
    [{ keys: [{ kty: 'RSA' }], expires: 60 }, /no "x5t"/],
    [{ keys: [{ kty: 'RSA', x5t: 5 }], expires: 60 }, /not a string/],
    [{ keys: [{ kty: 'RSA', x5t: 'UpjRI/A3afKE8/AIeTZ5o1dECTY' }], expires: 60 }, /base64url/],
    [{ keys: [{ kty: 'RSA', x5t: 'UpjRI_A3afKE8_AIeTZ5o1dECTY=' }], expires: 60 }, /base64url/],
    [{ keys: [{ kty: 'RSA', x5t: Buffer.alloc(32).toString('base64url') }], expires: 60 }, /32 bytes long, not 20/],
    [{ keys: [], expires: 60 }, /empty/],
    [{ keys: {}, expires: 60 }, /not an array/],
    [{ keys: ['x'], expires: 60 }, /not an object/],
    [{ keys: [{ x5t: X5T }], url: 'https://h.example/', expires: 60 }, /both "url" and "keys"/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: 60 }, /neither "keys" nor "url"/],
  ])('rejects %j', (document, reason) => {
    expectInvalid(seed(document), reason);
  });

  it('one bad key spoils the set even when another key is fine', () => {
    expectInvalid(seed({ keys: [{ kty: 'RSA', x5t: X5T }, { kty: 'RSA', x5t: 'short' }], expires: 60 }), /key 2/);
  });

  it('a malformed x5c is dropped (display only) without failing the document', () => {
    const result = seed({ keys: [{ kty: 'RSA', x5t: X5T, x5c: ['not base64!'] }], expires: 60 });
    expect(result.kind).toBe('jwk-set');
    if (result.kind === 'jwk-set') expect(result.x5c).toEqual([null]);
  });
});

describe('expires', () => {
  it.each([
    [{ fingerprints: [{ 'sha-256': SHA256 }] }, /missing/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: 0 }, /is 0/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: -1 }, /negative/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: '3600' }, /not a JSON number/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: 1.5 }, /whole number/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: null }, /not a JSON number/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], expires: true }, /not a JSON number/],
  ])('rejects %j', (document, reason) => {
    expectInvalid(rfc(document), reason);
  });

  it('an overflowing number literal (Infinity after parsing) is invalid', () => {
    expectInvalid(parsePoshDocument(`{"fingerprints":[{"sha-256":"${SHA256}"}],"expires":1e400}`, 'rfc7711'), /whole number/);
  });

  it('a huge integer is accepted here (the 30-day cap is applied to the material, not the document)', () => {
    const result = rfc({ fingerprints: [{ 'sha-256': SHA256 }], expires: 10 ** 12 });
    expect(result.kind === 'fingerprints' && result.expires).toBe(10 ** 12);
  });

  it('applies to references too', () => {
    expectInvalid(rfc({ url: 'https://h.example/x.json', expires: 0 }), /is 0/);
    expectInvalid(rfc({ url: 'https://h.example/x.json' }), /missing/);
  });
});

describe('RFC 7711 fingerprints: accept/reject table', () => {
  it.each([
    ['not JSON', '{"fingerprints": [', /not valid JSON/],
    ['an array', '[]', /not a JSON object/],
    ['null', 'null', /not a JSON object/],
    ['a string', '"x"', /not a JSON object/],
    ['a byte order mark', `\uFEFF{"fingerprints":[{"sha-256":"${SHA256}"}],"expires":60}`, /not valid JSON/],
  ])('rejects %s', (_name, body, reason) => {
    expectInvalid(parsePoshDocument(body, 'rfc7711'), reason);
  });

  it.each([
    [{ fingerprints: [], expires: 60 }, /empty/],
    [{ fingerprints: {}, expires: 60 }, /not an array/],
    [{ fingerprints: ['x'], expires: 60 }, /descriptor 1 is not an object/],
    [{ fingerprints: [[SHA256]], expires: 60 }, /descriptor 1 is not an object/],
    [{ fingerprints: [{ 'sha-256': SHA256 }], url: 'https://h.example/', expires: 60 }, /both "url" and "fingerprints"/],
    [{ expires: 60 }, /neither "fingerprints" nor "url"/],
    [{ keys: [{ x5t: X5T }], expires: 60 }, /neither "fingerprints" nor "url"/],
    [{ fingerprints: [{ 'sha-256': 42 }], expires: 60 }, /not a string/],
    [{ fingerprints: [{ 'sha-256': SHA256.replace('+', '-') }], expires: 60 }, /not valid base64/],
    [{ fingerprints: [{ 'sha-256': SHA512 }], expires: 60 }, /64 bytes long, not 32/],
    [{ fingerprints: [{ 'sha-512': SHA256 }], expires: 60 }, /32 bytes long, not 64/],
    [{ fingerprints: [{ 'sha-384': SHA256 }], expires: 60 }, /32 bytes long, not 48/],
    [{ fingerprints: [{ 'sha-256': SHA256 }, { 'sha-256': 'AAAA' }], expires: 60 }, /descriptor 2/],
    [{ fingerprints: [{ md5: 'AAAA', 'sha-1': 'AAAA', 'sha-224': 'AAAA', md2: 'AAAA' }], expires: 60 }, /no fingerprint uses a supported hash/],
    [{ fingerprints: [{ 'SHA-256': SHA256 }], expires: 60 }, /no fingerprint uses a supported hash/],
    [{ fingerprints: [{}], expires: 60 }, /no fingerprint uses a supported hash/],
  ])('rejects %j', (document, reason) => {
    expectInvalid(rfc(document), reason);
  });

  it('ignores unknown members and unknown or weak hash names, keeping the supported ones', () => {
    const result = rfc({
      fingerprints: [{ md5: 'not even base64!', 'sha-1': 'AAAA', 'sha-224': 5, 'sha-384': SHA384, 'blake3': 'x' }, {}],
      expires: 60,
      comment: 'unknown members are ignored',
      keys: 'ignored in the RFC grammar',
    });
    expect(result.kind).toBe('fingerprints');
    if (result.kind !== 'fingerprints') return;
    expect(result.fingerprints).toHaveLength(1);
    expect([...(result.fingerprints[0]?.keys() ?? [])]).toEqual(['sha-384']);
    expect(result.ignoredHashes).toEqual(['md5', 'sha-1', 'sha-224', 'blake3']);
  });

  it.each([
    [{ url: 'http://h.example/x.json', expires: 60 }, /not an https URL/],
    [{ url: 'not a url', expires: 60 }, /not a valid URL/],
    [{ url: 42, expires: 60 }, /not a string/],
    [{ url: 'ftp://h.example/', expires: 60 }, /not an https URL/],
  ])('rejects the reference %j', (document, reason) => {
    expectInvalid(rfc(document), reason);
  });
});
