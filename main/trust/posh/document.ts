/**
 * Parse one POSH response body. Which grammar applies is decided by the caller from the URL the body came
 * from (RFC 7711 well-known URL or the seed draft's), never guessed from the content.
 *
 * Decision on malformed values: a supported hash whose value is not strict base64, or decodes to the wrong
 * length, makes the whole document invalid. A publisher error must not be silently half-read: reading the
 * descriptors that happen to parse would let a typo in the new certificate's fingerprint go unnoticed
 * until the old one is retired. Unknown members and unknown or unsupported hash names are ignored, as the
 * RFC requires; but a document left with no supported hash at all is invalid.
 */
import type { PoshFormat } from '../../../app/domain/trust.js';
import { decodeStrictBase64, decodeStrictBase64Url } from '../../encoding/base64.js';
import { DIGEST_LENGTH, isRfcPoshHash, type RfcPoshHash } from './fingerprints.js';

/** One RFC 7711 descriptor: the supported hashes it names, decoded. */
export type FingerprintDescriptor = ReadonlyMap<RfcPoshHash, Uint8Array>;

export type PoshDocument =
  | {
      readonly kind: 'fingerprints';
      /** Descriptors holding at least one supported hash (others were empty after ignoring names). */
      readonly fingerprints: readonly FingerprintDescriptor[];
      /** Hash names present but ignored (unknown, or md2/md5/sha-1/sha-224), for the record. */
      readonly ignoredHashes: readonly string[];
      readonly expires: number;
    }
  | {
      readonly kind: 'jwk-set';
      /** SHA-1 of each key's certificate DER, one per key. */
      readonly x5t: readonly Uint8Array[];
      /** Each key's `x5c` chain when present and well-formed: for display only, never a trust anchor. */
      readonly x5c: ReadonlyArray<readonly string[] | null>;
      readonly expires: number;
    }
  | { readonly kind: 'reference'; readonly url: string; readonly expires: number }
  | { readonly kind: 'invalid'; readonly reason: string };

type Invalid = Extract<PoshDocument, { kind: 'invalid' }>;

/** JWK members that carry private key material (RFC 7518 §6.3.2 for RSA, §6.2.2 for EC). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

const invalid = (reason: string): Invalid => ({ kind: 'invalid', reason });

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function parsePoshDocument(body: string, format: PoshFormat): PoshDocument {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return invalid('the document is not valid JSON');
  }
  if (!isJsonObject(json)) return invalid('the document is not a JSON object');

  const expires = parseExpires(json);
  if (typeof expires !== 'number') return expires;

  const payloadMember = format === 'rfc7711' ? 'fingerprints' : 'keys';
  if (has(json, 'url')) {
    // A reference that also carries material is ambiguous (which one holds?): refuse it in either grammar.
    const alsoMaterial = ['fingerprints', 'keys'].find((member) => has(json, member));
    if (alsoMaterial !== undefined) return invalid(`the document has both "url" and "${alsoMaterial}"`);
    return parseReference(json['url'], expires);
  }
  if (!has(json, payloadMember)) return invalid(`the document has neither "${payloadMember}" nor "url"`);
  return format === 'rfc7711' ? parseFingerprints(json['fingerprints'], expires) : parseJwkSet(json['keys'], expires);
}

function parseExpires(json: JsonObject): number | Invalid {
  // Missing `expires` is invalid by project policy (the seed draft requires it; RFC 7711 leaves it open).
  if (!has(json, 'expires')) return invalid('"expires" is missing');
  const value = json['expires'];
  if (typeof value !== 'number') return invalid('"expires" is not a JSON number');
  if (!Number.isInteger(value)) return invalid('"expires" is not a whole number of seconds');
  if (value < 0) return invalid('"expires" is negative');
  if (value === 0) return invalid('"expires" is 0, which RFC 7711 forbids');
  return value;
}

function parseReference(url: unknown, expires: number): PoshDocument {
  if (typeof url !== 'string') return invalid('"url" is not a string');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid('"url" is not a valid URL');
  }
  if (parsed.protocol !== 'https:') return invalid('"url" is not an https URL');
  return { kind: 'reference', url: parsed.href, expires };
}

function parseFingerprints(value: unknown, expires: number): PoshDocument {
  if (!Array.isArray(value)) return invalid('"fingerprints" is not an array');
  if (value.length === 0) return invalid('"fingerprints" is empty');
  const descriptors: FingerprintDescriptor[] = [];
  const ignored = new Set<string>();
  for (const [index, descriptor] of value.entries()) {
    if (!isJsonObject(descriptor)) return invalid(`fingerprint descriptor ${index + 1} is not an object`);
    const digests = new Map<RfcPoshHash, Uint8Array>();
    for (const [name, encoded] of Object.entries(descriptor)) {
      if (!isRfcPoshHash(name)) {
        ignored.add(name);
        continue;
      }
      if (typeof encoded !== 'string') return invalid(`the ${name} value in descriptor ${index + 1} is not a string`);
      const digest = decodeStrictBase64(encoded);
      if (digest === null) return invalid(`the ${name} value in descriptor ${index + 1} is not valid base64`);
      if (digest.byteLength !== DIGEST_LENGTH[name]) {
        return invalid(
          `the ${name} value in descriptor ${index + 1} is ${digest.byteLength} bytes long, not ${DIGEST_LENGTH[name]}`,
        );
      }
      digests.set(name, digest);
    }
    if (digests.size > 0) descriptors.push(digests);
  }
  if (descriptors.length === 0) {
    return invalid('no fingerprint uses a supported hash (sha-256, sha-384 or sha-512)');
  }
  return { kind: 'fingerprints', fingerprints: descriptors, ignoredHashes: [...ignored], expires };
}

function parseJwkSet(value: unknown, expires: number): PoshDocument {
  if (!Array.isArray(value)) return invalid('"keys" is not an array');
  if (value.length === 0) return invalid('"keys" is empty');
  const x5t: Uint8Array[] = [];
  const x5c: Array<readonly string[] | null> = [];
  for (const [index, key] of value.entries()) {
    if (!isJsonObject(key)) return invalid(`key ${index + 1} is not an object`);
    // A published private key means the publisher leaked it: nothing in this document can be trusted.
    const leaked = PRIVATE_JWK_MEMBERS.filter((member) => has(key, member));
    if (leaked.length > 0) return invalid(`key ${index + 1} contains private key material (${leaked.join(', ')})`);
    // RFC 7517 §4.1: "kty" is required. A key without one is not a JWK, so the document is not what the seed
    // draft describes, whatever else it carries (posh.md §2.2).
    const kty = key['kty'];
    if (kty === undefined) return invalid(`key ${index + 1} has no "kty", which every JWK must have (RFC 7517)`);
    if (typeof kty !== 'string' || kty.length === 0) return invalid(`the "kty" of key ${index + 1} is not a non-empty string`);
    const thumbprint = key['x5t'];
    if (thumbprint === undefined) return invalid(`key ${index + 1} has no "x5t", which the seed draft requires`);
    if (typeof thumbprint !== 'string') return invalid(`the "x5t" of key ${index + 1} is not a string`);
    const digest = decodeStrictBase64Url(thumbprint);
    if (digest === null) return invalid(`the "x5t" of key ${index + 1} is not unpadded base64url`);
    if (digest.byteLength !== DIGEST_LENGTH['sha-1']) {
      return invalid(`the "x5t" of key ${index + 1} is ${digest.byteLength} bytes long, not ${DIGEST_LENGTH['sha-1']}`);
    }
    x5t.push(digest);
    x5c.push(displayChain(key['x5c']));
  }
  return { kind: 'jwk-set', x5t, x5c, expires };
}

/** `x5c` is only ever shown, so a malformed one is dropped rather than failing the document. */
function displayChain(value: unknown): readonly string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const chain: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string' || decodeStrictBase64(entry) === null) return null;
    chain.push(entry);
  }
  return chain;
}
