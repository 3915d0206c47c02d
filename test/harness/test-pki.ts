/**
 * A throw-away PKI for tests, generated per run with @peculiar/x509 (EC P-256: fast).
 *
 *   const ca = await createTestCa({ commonName: 'Hostproof Test CA' });
 *   const web = await createTestCertificate({ commonName: 'example.test', dnsNames: ['example.test'], issuer: ca });
 *   const xmpp = await createTestCertificate({
 *     commonName: 'hosting.test', dnsNames: ['hosting.test'],
 *     srvNames: ['_xmpp-client.hosted.test'], xmppAddrs: ['hosted.test'], issuer: ca,
 *   });
 *   const selfSigned = await createTestCertificate({ commonName: 'lonely.test', dnsNames: ['lonely.test'] });
 *
 * Pass `ca.certPem` (never the process environment) to the code under test as its trusted root. A second
 * `createTestCa()` that the code under test is not given plays an untrusted issuer.
 * Setup files import 'reflect-metadata' before this module loads (@peculiar/x509 needs it).
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, OtherName, SubjectAlternativeName, id_ce_subjectAltName } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';

/** SRV-ID otherName (RFC 4985), value an IA5String like `_xmpp-client.example.test`. */
export const OID_SRV_NAME = '1.3.6.1.5.5.7.8.7';
/** XmppAddr otherName (RFC 6120 §13.7.1.4), value a UTF8String like `example.test`. */
export const OID_XMPP_ADDR = '1.3.6.1.5.5.7.8.5';

const KEY_ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
const crypto = webcrypto as unknown as Crypto;

export interface TestCa {
  readonly commonName: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
  /** The parsed certificate and its keys, to sign leaves. */
  readonly certificate: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
  /** The issuer's certificate as PEM (the certificate itself when self-signed): what a client must trust. */
  readonly caPem: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface TestCaOptions {
  readonly commonName?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export interface TestCertificateOptions {
  /** Subject CN. */
  readonly commonName: string;
  /** subjectAltName dNSName entries. */
  readonly dnsNames?: readonly string[];
  /** SRV-ID otherName entries, e.g. `_xmpp-client.example.test`. */
  readonly srvNames?: readonly string[];
  /** XmppAddr otherName entries, e.g. `example.test`. */
  readonly xmppAddrs?: readonly string[];
  /** Default: one day ago. */
  readonly notBefore?: Date;
  /** Default: thirty days from now. */
  readonly notAfter?: Date;
  /** Omitted: self-signed. */
  readonly issuer?: TestCa;
}

export async function createTestCa(options: TestCaOptions = {}): Promise<TestCa> {
  const commonName = options.commonName ?? 'Hostproof Test CA';
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: distinguishedName(commonName),
      notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
      notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY_MS),
      keys,
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    commonName,
    certPem: certificate.toString('pem'),
    keyPem: await privateKeyPem(keys.privateKey),
    der: Buffer.from(certificate.rawData),
    certificate,
    keys,
  };
}

export async function createTestCertificate(options: TestCertificateOptions): Promise<TestCertificate> {
  const keys = await generateKeys();
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(Date.now() + 30 * DAY_MS);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], false),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
  ];
  const san = subjectAltName(options);
  if (san !== null) extensions.push(san);

  const common = {
    serialNumber: randomSerial(),
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
  };
  let certificate: x509.X509Certificate;
  let caPem: string;
  if (options.issuer) {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.certificate, false, crypto));
    certificate = await x509.X509CertificateGenerator.create(
      {
        ...common,
        subject: distinguishedName(options.commonName),
        issuer: options.issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: options.issuer.keys.privateKey,
        extensions,
      },
      crypto,
    );
    caPem = options.issuer.certPem;
  } else {
    certificate = await x509.X509CertificateGenerator.createSelfSigned(
      { ...common, name: distinguishedName(options.commonName), keys, extensions },
      crypto,
    );
    caPem = certificate.toString('pem');
  }
  return {
    certPem: certificate.toString('pem'),
    keyPem: await privateKeyPem(keys.privateKey),
    der: Buffer.from(certificate.rawData),
    caPem,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

/**
 * The high-level GeneralName class cannot express otherName, so the extension is built from the ASN.1
 * schema classes: each otherName's value is the DER of an IA5String (SRV-ID) or UTF8String (XmppAddr),
 * wrapped in the [0] EXPLICIT tag the schema adds.
 */
function subjectAltName(options: TestCertificateOptions): x509.Extension | null {
  const names: GeneralName[] = [
    ...(options.dnsNames ?? []).map((dNSName) => new GeneralName({ dNSName })),
    ...(options.srvNames ?? []).map(
      (name) => new GeneralName({ otherName: new OtherName({ typeId: OID_SRV_NAME, value: derString(0x16, name) }) }),
    ),
    ...(options.xmppAddrs ?? []).map(
      (name) => new GeneralName({ otherName: new OtherName({ typeId: OID_XMPP_ADDR, value: derString(0x0c, name) }) }),
    ),
  ];
  if (names.length === 0) return null;
  const der = AsnConvert.serialize(new SubjectAlternativeName(names));
  return new x509.Extension(id_ce_subjectAltName, false, der);
}

/** DER TLV for a string type: tag 0x16 IA5String (ASCII only), 0x0c UTF8String. */
function derString(tag: 0x16 | 0x0c, text: string): ArrayBuffer {
  if (tag === 0x16 && [...text].some((char) => char.charCodeAt(0) > 0x7f)) throw new Error(`IA5String must be ASCII: ${text}`);
  const content = Buffer.from(text, 'utf8');
  const length = content.length;
  const lengthBytes =
    length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, (length >> 8) & 0xff, length & 0xff];
  const tlv = Buffer.concat([Buffer.from([tag, ...lengthBytes]), content]);
  return tlv.buffer.slice(tlv.byteOffset, tlv.byteOffset + tlv.byteLength) as ArrayBuffer;
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key)).toString('base64');
  const lines = pkcs8.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** A positive serial of 16 random bytes, as hex. */
function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

/** A distinguished name with only a CN; values are escaped for the string form @peculiar/x509 parses. */
function distinguishedName(commonName: string): string {
  return `CN=${commonName.replace(/([,+"\\<>;=#])/g, '\\$1')}`;
}
