/**
 * Turns a certificate's DER, as a server presented it, into the summary the UI, the trust log and the verdict
 * use. The bytes come from whoever answered the TCP connection: everything is checked, and any failure is a
 * CertificateParseError with a plain message, never a crash.
 */
// @peculiar/x509 needs the Reflect metadata polyfill before it is imported.
import 'reflect-metadata';
import { createHash, X509Certificate as NodeX509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_subjectAltName, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { X509Certificate } from '@peculiar/x509';
import type { CertificateNames, CertificateSummary } from '../../app/domain/certificate.js';
import { decodeDerString, DER_TAG, readTlv } from './der.js';
import { asciiLowerCase } from './ascii-case.js';

/** otherName type ids from RFC 4985 (SRVName) and RFC 6120 §13.7.1.4 (XmppAddr). */
const OID_SRV_NAME = '1.3.6.1.5.5.7.8.7';
const OID_XMPP_ADDR = '1.3.6.1.5.5.7.8.5';

/** Far above any real certificate (a few KiB; tens with hundreds of names); bounds the parsers' work. */
export const MAX_CERTIFICATE_BYTES = 1024 * 1024;

export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  checkEnvelope(der);
  // A private copy: the parsers and the hashes all see the same bytes even if the caller's buffer changes.
  const bytes = new Uint8Array(der);
  const cert = parse(() => new X509Certificate(bytes), 'it is not a valid X.509 certificate');
  const spki = parse(
    () => new NodeX509Certificate(bytes).publicKey.export({ type: 'spki', format: 'der' }),
    'its public key cannot be read',
  );
  return parse(
    () => ({
      subject: cert.subject,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber.toLowerCase(),
      names: readNames(cert),
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      sha256: sha256Base64(bytes),
      spkiSha256: sha256Base64(spki),
      selfIssued: cert.subject === cert.issuer,
    }),
    'its contents are malformed',
  );
}

/**
 * The whole input must be exactly one DER SEQUENCE. The parsers accept trailing bytes, but the fingerprint is
 * taken over the input, so trailing junk would give one certificate many fingerprints.
 */
function checkEnvelope(der: Uint8Array): void {
  if (!(der instanceof Uint8Array) || der.length === 0) {
    throw new CertificateParseError('The certificate is empty.');
  }
  if (der.length > MAX_CERTIFICATE_BYTES) {
    throw new CertificateParseError(`The certificate is larger than ${MAX_CERTIFICATE_BYTES} bytes.`);
  }
  const outer = readTlv(der);
  if (outer === null || outer.tag !== DER_TAG.sequence) {
    throw new CertificateParseError('The certificate is not valid DER: it is truncated or not a certificate at all.');
  }
  if (outer.end !== der.length) {
    throw new CertificateParseError('The certificate has extra bytes after its end.');
  }
}

function parse<T>(read: () => T, problem: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CertificateParseError) throw error;
    // The library's own message is kept as the cause for logs; the message stays plain.
    throw new CertificateParseError(`The certificate cannot be read: ${problem}.`, { cause: error });
  }
}

function readNames(cert: X509Certificate): CertificateNames {
  const dns: string[] = [];
  const srv: string[] = [];
  const xmppAddr: string[] = [];

  const sanExtensions = cert.extensions.filter((ext) => ext.type === id_ce_subjectAltName);
  if (sanExtensions.length > 1) {
    // RFC 5280 §4.2 forbids repeating an extension; which copy a verifier reads is anyone's guess.
    throw new CertificateParseError('The certificate cannot be read: it has more than one subjectAltName extension.');
  }
  const san = sanExtensions[0];
  if (san !== undefined) {
    // Parsed with the ASN.1 schema directly: @peculiar/x509's own GeneralName drops otherName entries.
    const generalNames = AsnConvert.parse(san.value, SubjectAlternativeName);
    for (const name of generalNames) {
      if (name.dNSName !== undefined) dns.push(asciiLowerCase(name.dNSName));
      const other = name.otherName;
      if (other === undefined) continue;
      const value = new Uint8Array(other.value);
      // A malformed value is left out: it cannot name anything, so leaving it out can only refuse, never accept.
      if (other.typeId === OID_SRV_NAME) {
        const text = decodeDerString(value, DER_TAG.ia5String);
        if (text !== null) srv.push(text);
      } else if (other.typeId === OID_XMPP_ADDR) {
        const text = decodeDerString(value, DER_TAG.utf8String);
        if (text !== null) xmppAddr.push(text);
      }
    }
  }
  return { dns, srv, xmppAddr, commonNames: cert.subjectName.getField('CN') };
}

function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

// ---------- PEM ----------

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** Every CERTIFICATE block in a PEM text, in order (a chain file holds several). */
export function pemToDerList(pem: string): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (const match of pem.matchAll(PEM_CERTIFICATE)) {
    const body = (match[1] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
      throw new CertificateParseError('The PEM certificate block is not valid base64.');
    }
    blocks.push(new Uint8Array(Buffer.from(body, 'base64')));
  }
  return blocks;
}

/** The first CERTIFICATE block of a PEM text. */
export function pemToDer(pem: string): Uint8Array {
  const first = pemToDerList(pem)[0];
  if (first === undefined) throw new CertificateParseError('The text holds no PEM certificate.');
  return first;
}

export function derToPem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
