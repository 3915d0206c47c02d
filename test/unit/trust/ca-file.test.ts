/**
 * A file the person chose as "a certificate authority to trust": PEM with one or more certificates or one DER
 * certificate is read; a server's certificate, an expired or not-yet-valid authority, garbage, an empty or an
 * oversized file is refused as a whole, with a typed kind and plain words.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaFileError, MAX_CA_FILE_BYTES, parseCaFile, type CaFileErrorKind } from '../../../main/trust/ca-file.js';
import { createTestCa, createTestCertificate, type TestCa } from '../../harness/test-pki.js';

const NOW = new Date();
const DAY = 24 * 60 * 60 * 1000;
const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));
const hex = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

function refusal(bytes: Uint8Array): { kind: CaFileErrorKind; message: string } {
  try {
    parseCaFile(bytes, NOW);
  } catch (error) {
    if (error instanceof CaFileError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('the file was accepted');
}

let one: TestCa;
let two: TestCa;
beforeAll(async () => {
  one = await createTestCa({ commonName: 'Corp Root One' });
  two = await createTestCa({ commonName: 'Corp Root Two' });
});

describe('reading a CA file', () => {
  it('reads every certificate of a PEM bundle, in order, with its facts and hex fingerprint', () => {
    const cas = parseCaFile(text(`some comment\n${one.certPem}\n${two.certPem}`), NOW);
    expect(cas.map((ca) => ca.subject)).toEqual(['CN=Corp Root One', 'CN=Corp Root Two']);
    expect(cas[0]).toMatchObject({ issuer: 'CN=Corp Root One', sha256: hex(one.der) });
    expect(Buffer.from(cas[1]!.der)).toEqual(two.der);
    expect(Date.parse(cas[0]!.notAfter)).toBeGreaterThan(NOW.getTime());
  });

  it('reads one DER certificate', () => {
    const [ca] = parseCaFile(new Uint8Array(one.der), NOW);
    expect(ca).toMatchObject({ subject: 'CN=Corp Root One', sha256: hex(one.der) });
  });

  it("refuses a server's certificate (basicConstraints without cA), even beside a real CA", async () => {
    const leaf = await createTestCertificate({ commonName: 'server.test', dnsNames: ['server.test'], issuer: one });
    expect(refusal(text(leaf.certPem))).toMatchObject({ kind: 'not-a-ca', message: expect.stringContaining('CN=server.test') as string });
    expect(refusal(text(`${one.certPem}${leaf.certPem}`))).toMatchObject({ kind: 'not-a-ca', message: expect.stringContaining('Certificate 2 of 2') as string });
    expect(refusal(new Uint8Array(leaf.der)).kind).toBe('not-a-ca');
  });

  it('refuses an expired authority and one not valid yet', async () => {
    const expired = await createTestCa({ commonName: 'Old Root', notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - DAY) });
    const future = await createTestCa({ commonName: 'Future Root', notBefore: new Date(NOW.getTime() + DAY), notAfter: new Date(NOW.getTime() + 400 * DAY) });
    expect(refusal(text(expired.certPem))).toMatchObject({ kind: 'expired', message: expect.stringContaining('Old Root') as string });
    expect(refusal(text(future.certPem)).kind).toBe('not-yet-valid');
  });

  it.each([
    ['random bytes', new Uint8Array([0x30, 0x03, 0x01, 0x02]), 'not-a-certificate'],
    ['plain text', text('hello, I am not a certificate'), 'not-a-certificate'],
    ['a PEM private key only', text('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'), 'not-a-certificate'],
    ['a PEM block that is not base64', text('-----BEGIN CERTIFICATE-----\nAB=C\n-----END CERTIFICATE-----\n'), 'not-a-certificate'],
    ['an empty file', new Uint8Array(0), 'empty'],
    ['a file over the size limit', new Uint8Array(MAX_CA_FILE_BYTES + 1), 'too-large'],
  ] as const)('refuses %s', (_name, bytes, kind) => {
    expect(refusal(bytes).kind).toBe(kind);
  });

  it('refuses DER with bytes after the certificate (one certificate, one fingerprint)', () => {
    expect(refusal(new Uint8Array([...one.der, 0])).kind).toBe('not-a-certificate');
  });
});
