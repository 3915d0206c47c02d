import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { POSH_VECTORS_DIR } from '../../harness/posh-vectors.js';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, OtherName, SubjectAlternativeName, id_ce_subjectAltName } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import {
  CertificateParseError,
  MAX_CERTIFICATE_BYTES,
  derToPem,
  pemToDer,
  pemToDerList,
  summarizeCertificate,
} from '../../../main/trust/certificate.js';
import { DER_TAG, decodeDerString } from '../../../main/trust/der.js';

const VECTORS = POSH_VECTORS_DIR;

interface ExpectedCertificate {
  readonly subjectCN?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly 'sha-256': string;
  readonly spkiSha256?: string;
}
const expected = JSON.parse(readFileSync(join(VECTORS, 'expected.json'), 'utf8')) as {
  certificates: Record<string, ExpectedCertificate>;
};

function vector(name: string): Uint8Array {
  const bytes = readFileSync(join(VECTORS, name));
  return name.endsWith('.der') ? new Uint8Array(bytes) : pemToDer(bytes.toString('utf8'));
}

describe('summarizeCertificate on the POSH example certificates', () => {
  const pemVectors = [
    'im.example.com_primary.crt',
    'im.example.com_rollover.crt',
    'hosting.example.net_primary.crt',
    'hosting.example.net_rollover.crt',
  ];

  // subjectAltNames as `openssl x509 -text` lists them: the hosting primary has none, the others one XmppAddr.
  const xmppAddrs: Record<string, readonly string[]> = {
    'im.example.com_primary.crt': ['im.example.com'],
    'im.example.com_rollover.crt': ['im.example.com'],
    'hosting.example.net_primary.crt': [],
    'hosting.example.net_rollover.crt': ['hosting.example.net'],
  };

  it.each(pemVectors)('%s matches expected.json', (name) => {
    const want = expected.certificates[name];
    if (want === undefined) throw new Error(`expected.json lacks ${name}`);
    const summary = summarizeCertificate(vector(name));

    expect(summary.sha256).toBe(want['sha-256']);
    expect(summary.spkiSha256).toBe(want.spkiSha256);
    expect(summary.notBefore).toBe(new Date(want.notBefore ?? '').toISOString());
    expect(summary.notAfter).toBe(new Date(want.notAfter ?? '').toISOString());
    // All four were issued by the example CA (openssl x509 -text).
    expect(summary.issuer).toContain('CN=Example CA');
    expect(summary.subject).toContain(`CN=${want.subjectCN}`);
    expect(summary.selfIssued).toBe(false);
    expect(summary.names).toEqual({ dns: [], srv: [], xmppAddr: xmppAddrs[name], commonNames: [want.subjectCN] });
  });

  it('reads serial numbers as hex (openssl: 6 and 7 for the im.example.com certificates)', () => {
    expect(Number.parseInt(summarizeCertificate(vector('im.example.com_primary.crt')).serialNumber, 16)).toBe(6);
    expect(Number.parseInt(summarizeCertificate(vector('im.example.com_rollover.crt')).serialNumber, 16)).toBe(7);
  });

  it('the rollover certificates keep their key: same spkiSha256, different certificate hash', () => {
    const primary = summarizeCertificate(vector('im.example.com_primary.crt'));
    const rollover = summarizeCertificate(vector('im.example.com_rollover.crt'));
    expect(primary.spkiSha256).toBe(rollover.spkiSha256);
    expect(primary.sha256).not.toBe(rollover.sha256);
  });

  it('posh.badxmpp.eu.der: SRV-IDs, XmppAddr and DNS-ID parsed from the DER', () => {
    const summary = summarizeCertificate(vector('posh.badxmpp.eu.der'));
    expect(summary.sha256).toBe(expected.certificates['posh.badxmpp.eu.der']?.['sha-256']);
    expect(summary.names).toEqual({
      dns: ['posh.badxmpp.eu'],
      srv: ['_xmpp-client.posh.badxmpp.eu', '_xmpp-server.posh.badxmpp.eu'],
      xmppAddr: ['posh.badxmpp.eu'],
      commonNames: ['posh.badxmpp.eu'],
    });
    expect(summary.subject).toBe('CN=posh.badxmpp.eu');
    expect(summary.selfIssued).toBe(true);
    expect(summary.serialNumber).toBe('402ca47689b77db82d6316d5ce4d76b98d7716a5');
    expect(summary.notBefore).toBe('2021-10-15T14:49:32.000Z');
    expect(summary.notAfter).toBe('2022-10-15T14:49:32.000Z');
  });

  it('hashes the SubjectPublicKeyInfo exactly as it appears in the certificate', () => {
    const der = vector('posh.badxmpp.eu.der');
    const cert = new x509.X509Certificate(new Uint8Array(der));
    const spki = createHash('sha256').update(new Uint8Array(cert.publicKey.rawData)).digest('base64');
    expect(summarizeCertificate(der).spkiSha256).toBe(spki);
  });
});

describe('summarizeCertificate on hostile input', () => {
  const good = vector('posh.badxmpp.eu.der');

  it.each([
    ['empty input', new Uint8Array()],
    ['text, not DER', new TextEncoder().encode('-----BEGIN CERTIFICATE-----')],
    ['a truncated certificate', good.subarray(0, good.length - 10)],
    ['only the first bytes', good.subarray(0, 4)],
    ['trailing bytes after the certificate', Uint8Array.from([...good, 0])],
    ['a DER SEQUENCE that is not a certificate', Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01])],
    ['an indefinite length (BER only)', Uint8Array.from([0x30, 0x80, 0x00, 0x00])],
    ['a length that claims 4 GiB', Uint8Array.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00])],
    ['a corrupted tag inside the certificate', flipByte(good, 0x23)],
    ['more than the size cap', new Uint8Array(MAX_CERTIFICATE_BYTES + 1).fill(0x30)],
  ])('%s throws CertificateParseError with a plain message', (_label, bytes) => {
    let thrown: unknown;
    try {
      summarizeCertificate(bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CertificateParseError);
    expect((thrown as Error).message).toMatch(/^The certificate /);
  });
});

function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0xff;
  return copy;
}

// ---------- certificates with hand-built subjectAltNames ----------

const crypto = webcrypto as unknown as Crypto;
const SRV = '1.3.6.1.5.5.7.8.7';
const XMPP = '1.3.6.1.5.5.7.8.5';

function tlv(tag: number, content: Uint8Array): ArrayBuffer {
  if (content.length > 0x7f) throw new Error('test helper handles short values only');
  return Uint8Array.from([tag, content.length, ...content]).buffer;
}
const ia5 = (text: string): ArrayBuffer => tlv(0x16, new TextEncoder().encode(text));
const utf8 = (text: string): ArrayBuffer => tlv(0x0c, new TextEncoder().encode(text));
const other = (typeId: string, value: ArrayBuffer): GeneralName => new GeneralName({ otherName: new OtherName({ typeId, value }) });

async function selfSigned(sanExtensions: readonly GeneralName[][], commonName = 'test.example'): Promise<Uint8Array> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '0a0b',
      name: `CN=${commonName}`,
      notBefore: new Date('2030-01-01T00:00:00Z'),
      notAfter: new Date('2031-01-01T00:00:00Z'),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: sanExtensions.map(
        (names) => new x509.Extension(id_ce_subjectAltName, false, AsnConvert.serialize(new SubjectAlternativeName(names))),
      ),
    },
    crypto,
  );
  return new Uint8Array(cert.rawData);
}

describe('summarizeCertificate: subjectAltName details', () => {
  it('lower-cases DNS-IDs, keeps SRV-IDs and XmppAddrs as found (U-labels included)', async () => {
    const der = await selfSigned([
      [
        new GeneralName({ dNSName: 'Chat.Example.COM' }),
        other(SRV, ia5('_XMPP-Client.Example.com')),
        other(XMPP, utf8('bücher.example')),
      ],
    ]);
    const summary = summarizeCertificate(der);
    expect(summary.names).toEqual({
      dns: ['chat.example.com'],
      srv: ['_XMPP-Client.Example.com'],
      xmppAddr: ['bücher.example'],
      commonNames: ['test.example'],
    });
    expect(summary.serialNumber).toBe('0a0b');
    expect(summary.notBefore).toBe('2030-01-01T00:00:00.000Z');
    expect(summary.selfIssued).toBe(true);
    // The fingerprint is over the exact bytes given.
    expect(summary.sha256).toBe(createHash('sha256').update(der).digest('base64'));
  });

  it('leaves out otherNames whose value has the wrong type or bad bytes, and unknown otherNames', async () => {
    const der = await selfSigned([
      [
        other(SRV, utf8('_xmpp-client.wrong-type.example')), // SRVName must be an IA5String
        other(XMPP, ia5('wrong-type.example')), // XmppAddr must be a UTF8String
        other(SRV, tlv(0x16, Uint8Array.from([0x5f, 0xe9]))), // IA5String with an 8-bit byte
        other(XMPP, tlv(0x0c, Uint8Array.from([0x61, 0xff, 0x62]))), // invalid UTF-8
        other('1.3.6.1.4.1.311.20.2.3', utf8('user@example.com')), // a UPN: not an XMPP name
        other(XMPP, utf8('good.example')),
      ],
    ]);
    expect(summarizeCertificate(der).names).toEqual({ dns: [], srv: [], xmppAddr: ['good.example'], commonNames: ['test.example'] });
  });

  it('refuses a certificate with two subjectAltName extensions', async () => {
    const der = await selfSigned([[new GeneralName({ dNSName: 'a.example' })], [new GeneralName({ dNSName: 'b.example' })]]);
    expect(() => summarizeCertificate(der)).toThrow(CertificateParseError);
    expect(() => summarizeCertificate(der)).toThrow(/more than one subjectAltName/);
  });
});

describe('decodeDerString', () => {
  it('accepts exactly one TLV of the asked type and nothing else', () => {
    const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
    expect(decodeDerString(bytes(0x16, 0x02, 0x61, 0x62), DER_TAG.ia5String)).toBe('ab');
    expect(decodeDerString(bytes(0x0c, 0x02, 0xc3, 0xbc), DER_TAG.utf8String)).toBe('ü');
    expect(decodeDerString(bytes(0x16, 0x05, 0x61), DER_TAG.ia5String)).toBeNull(); // length beyond the bytes
    expect(decodeDerString(bytes(0x16, 0x01, 0x61, 0x00), DER_TAG.ia5String)).toBeNull(); // trailing byte
    expect(decodeDerString(bytes(0x16, 0x81, 0x01, 0x61), DER_TAG.ia5String)).toBe('a'); // long-form length
    expect(decodeDerString(bytes(0x16, 0x80, 0x61, 0x00, 0x00), DER_TAG.ia5String)).toBeNull(); // indefinite length
    expect(decodeDerString(bytes(0x0c, 0x01, 0x61), DER_TAG.ia5String)).toBeNull(); // wrong tag
  });
});

describe('PEM helpers', () => {
  it('derToPem and pemToDer round-trip, 64-character lines', () => {
    const der = vector('posh.badxmpp.eu.der');
    const pem = derToPem(der);
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(pem.trimEnd().endsWith('-----END CERTIFICATE-----')).toBe(true);
    for (const line of pem.trim().split('\n').slice(1, -1)) expect(line.length).toBeLessThanOrEqual(64);
    expect(Buffer.from(pemToDer(pem)).equals(Buffer.from(der))).toBe(true);
  });

  it('pemToDerList reads every block of a chain file in order', () => {
    const a = readFileSync(join(VECTORS, 'im.example.com_primary.crt'), 'utf8');
    const b = readFileSync(join(VECTORS, 'hosting.example.net_primary.crt'), 'utf8');
    const list = pemToDerList(`${a}\n${b}`);
    expect(list.map((der) => summarizeCertificate(der).names.commonNames[0])).toEqual(['im.example.com', 'hosting.example.net']);
  });

  it('refuses text without a certificate and blocks with bad base64', () => {
    expect(() => pemToDer('hello')).toThrow(CertificateParseError);
    expect(() => pemToDer('-----BEGIN CERTIFICATE-----\nAAA=A\n-----END CERTIFICATE-----')).toThrow(CertificateParseError);
  });
});
