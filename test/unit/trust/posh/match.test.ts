import { describe, expect, it } from 'vitest';
import { parsePoshDocument } from '../../../../main/trust/posh/document.js';
import { matchPoshMaterial } from '../../../../main/trust/posh/match.js';
import { materialFromDocument, type PoshMaterial } from '../../../../main/trust/posh/material.js';
import { createTestCertificate } from '../../../harness/test-pki.js';
import { loadPoshVectors, seedJwkSetText, vectorCertificateDer, vectorDocumentText } from '../../../harness/posh-vectors.js';

const vectors = loadPoshVectors();
const URL_RFC = 'https://example.com/.well-known/posh/xmpp-client.json';
const URL_SEED = 'https://example.com/.well-known/posh._xmpp-client._tcp.json';

function rfcMaterial(documentName: string): PoshMaterial {
  const document = parsePoshDocument(vectorDocumentText(documentName), 'rfc7711');
  if (document.kind !== 'fingerprints') throw new Error(`expected fingerprints, got ${document.kind}`);
  return materialFromDocument('example.com', 'rfc7711', document, URL_RFC, document.expires);
}

function seedMaterial(): PoshMaterial {
  const document = parsePoshDocument(JSON.stringify({ ...(JSON.parse(seedJwkSetText()) as object), expires: 60 }), 'seed');
  if (document.kind !== 'jwk-set') throw new Error(`expected jwk-set, got ${document.kind}`);
  return materialFromDocument('example.com', 'seed', document, URL_SEED, document.expires);
}

const primaryDer = vectorCertificateDer('im.example.com_primary.crt');
const rolloverDer = vectorCertificateDer('im.example.com_rollover.crt');
const hostingDer = vectorCertificateDer('hosting.example.net_primary.crt');
// im.example.com_primary.crt is valid 2011-07-04T00:00:00Z .. 2013-07-02T23:59:59Z (expected.json).
const inside = new Date('2012-06-01T00:00:00Z');

describe('matchPoshMaterial with the RFC 7711 examples', () => {
  it('matches the primary certificate inside its validity, reporting the hash, value and source URL', () => {
    const outcome = matchPoshMaterial(rfcMaterial('rfc7711-fingerprints'), primaryDer, inside);
    expect(outcome.kind).toBe('match');
    if (outcome.kind !== 'match') return;
    expect(outcome.match.url).toBe(URL_RFC);
    const expected = vectors.certificates['im.example.com_primary.crt']!;
    expect([expected['sha-256'], expected['sha-512']]).toContain(outcome.match.fingerprint);
    expect(['sha-256', 'sha-512']).toContain(outcome.match.hash);
  });

  it('does not match a different certificate (the hosting provider one)', () => {
    const outcome = matchPoshMaterial(rfcMaterial('rfc7711-fingerprints'), hostingDer, inside);
    expect(outcome.kind).toBe('no-match');
  });

  it('rollover: the second descriptor matches the rollover certificate', () => {
    // im.example.com_rollover.crt is valid 2013-05-17 .. 2015-05-16.
    const outcome = matchPoshMaterial(rfcMaterial('rfc7711-rollover-note-unpadded-first-value'), rolloverDer, new Date('2014-06-01T00:00:00Z'));
    expect(outcome.kind).toBe('match');
    if (outcome.kind === 'match') expect(outcome.match.fingerprint).toBe(vectors.certificates['im.example.com_rollover.crt']?.['sha-256']);
  });

  it('an expired certificate with a matching fingerprint is not a match, and says why', () => {
    const outcome = matchPoshMaterial(rfcMaterial('rfc7711-fingerprints'), primaryDer, new Date('2013-07-03T00:00:00Z'));
    expect(outcome.kind).toBe('outside-validity');
    if (outcome.kind === 'outside-validity') expect(outcome.reason).toMatch(/expired on 2013-07-02T23:59:59/);
  });

  it('a not-yet-valid certificate with a matching fingerprint is not a match', () => {
    const outcome = matchPoshMaterial(rfcMaterial('rfc7711-fingerprints'), primaryDer, new Date('2011-07-03T23:59:59Z'));
    expect(outcome.kind).toBe('outside-validity');
    if (outcome.kind === 'outside-validity') expect(outcome.reason).toMatch(/not valid before 2011-07-04/);
  });

  it('the validity bounds are inclusive', () => {
    const material = rfcMaterial('rfc7711-fingerprints');
    expect(matchPoshMaterial(material, primaryDer, new Date('2011-07-04T00:00:00Z')).kind).toBe('match');
    expect(matchPoshMaterial(material, primaryDer, new Date('2013-07-02T23:59:59Z')).kind).toBe('match');
  });

  it('matches through a hash the document alone carries (sha-512 only)', () => {
    const sha512 = vectors.certificates['im.example.com_primary.crt']!['sha-512']!;
    const document = parsePoshDocument(JSON.stringify({ fingerprints: [{ 'sha-512': sha512 }], expires: 60 }), 'rfc7711');
    if (document.kind !== 'fingerprints') throw new Error('fixture');
    const outcome = matchPoshMaterial(materialFromDocument('example.com', 'rfc7711', document, URL_RFC, 60), primaryDer, inside);
    expect(outcome.kind === 'match' && outcome.match).toEqual({ hash: 'sha-512', fingerprint: sha512, url: URL_RFC });
  });

  it('a fingerprint of the public key (a pin value) is not a POSH match', () => {
    const spki = vectors.certificates['im.example.com_primary.crt']!.spkiSha256!;
    const document = parsePoshDocument(JSON.stringify({ fingerprints: [{ 'sha-256': spki }], expires: 60 }), 'rfc7711');
    if (document.kind !== 'fingerprints') throw new Error('fixture');
    expect(matchPoshMaterial(materialFromDocument('example.com', 'rfc7711', document, URL_RFC, 60), primaryDer, inside).kind).toBe('no-match');
  });

  it('an unparsable certificate is reported, not matched', () => {
    const outcome = matchPoshMaterial(rfcMaterial('rfc7711-fingerprints'), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), inside);
    expect(outcome.kind).toBe('unreadable-certificate');
  });
});

describe('matchPoshMaterial with the seed draft x5t', () => {
  it('matches through SHA-1 and reports sha-1 with the x5t as published (base64url)', () => {
    const outcome = matchPoshMaterial(seedMaterial(), primaryDer, inside);
    expect(outcome.kind === 'match' && outcome.match).toEqual({
      hash: 'sha-1',
      fingerprint: vectors.certificates['im.example.com_primary.crt']?.x5t,
      url: URL_SEED,
    });
  });

  it('does not match another certificate', () => {
    expect(matchPoshMaterial(seedMaterial(), rolloverDer, inside).kind).toBe('no-match');
  });
});

describe('matchPoshMaterial with generated certificates', () => {
  it('matches a fresh certificate at its own time, and not once it has expired', async () => {
    const now = new Date('2030-01-15T00:00:00Z');
    const leaf = await createTestCertificate({
      commonName: 'hosting.test',
      dnsNames: ['hosting.test'],
      notBefore: new Date('2030-01-01T00:00:00Z'),
      notAfter: new Date('2030-02-01T00:00:00Z'),
    });
    const sha256 = (await import('node:crypto')).createHash('sha256').update(leaf.der).digest('base64');
    const document = parsePoshDocument(JSON.stringify({ fingerprints: [{ 'sha-256': sha256 }], expires: 60 }), 'rfc7711');
    if (document.kind !== 'fingerprints') throw new Error('fixture');
    const material = materialFromDocument('hosted.test', 'rfc7711', document, URL_RFC, 60);
    expect(matchPoshMaterial(material, leaf.der, now).kind).toBe('match');
    expect(matchPoshMaterial(material, leaf.der, new Date('2030-02-01T00:00:01Z')).kind).toBe('outside-validity');
  });
});
