/**
 * Reads a file the user chose as "a certificate authority to trust" (posh.md §3, issue 9 item 6): PEM with one
 * or more certificates, or one DER certificate. The whole file is refused, with a typed kind and plain words,
 * when any certificate in it is not a CA (basicConstraints cA missing or false), has expired or is not valid
 * yet, or when the file is empty, too large or not certificates at all: adding roots widens whom every
 * connection trusts, so nothing in a file the person did not mean is taken in quietly.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { BasicConstraintsExtension, X509Certificate } from '@peculiar/x509';
import type { CaFacts } from '../../app/domain/extra-ca.js';
import { CertificateParseError, pemToDerList, summarizeCertificate } from './certificate.js';

/** A CA file holds a few certificates of a few KiB; a whole public root bundle is about 200 KiB. */
export const MAX_CA_FILE_BYTES = 512 * 1024;
/** More than any real bundle of private roots; bounds the parsing work. */
export const MAX_CAS_PER_FILE = 200;

export type CaFileErrorKind =
  | 'too-large' // the file is larger than MAX_CA_FILE_BYTES, or holds more than MAX_CAS_PER_FILE certificates
  | 'empty'
  | 'not-a-certificate' // neither PEM certificates nor one DER certificate, or a certificate that cannot be read
  | 'not-a-ca' // a server's (or person's) certificate: it may not vouch for others
  | 'expired'
  | 'not-yet-valid';

export class CaFileError extends Error {
  override readonly name = 'CaFileError';
  readonly kind: CaFileErrorKind;

  constructor(kind: CaFileErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export interface ParsedCa extends CaFacts {
  /** The certificate's DER, exactly as in the file: what is stored and later given to TLS as a root. */
  readonly der: Uint8Array;
}

const PEM_MARKER = '-----BEGIN';

/** Every certificate of the file, each checked; throws CaFileError for the first problem. */
export function parseCaFile(bytes: Uint8Array, now: Date): readonly ParsedCa[] {
  if (bytes.length === 0) throw new CaFileError('empty', 'The file is empty.');
  if (bytes.length > MAX_CA_FILE_BYTES) {
    throw new CaFileError('too-large', `The file is larger than ${MAX_CA_FILE_BYTES / 1024} KiB, which is far more than a certificate authority's certificate.`);
  }
  const ders = splitCertificates(bytes);
  if (ders.length > MAX_CAS_PER_FILE) {
    throw new CaFileError('too-large', `The file holds ${ders.length} certificates; at most ${MAX_CAS_PER_FILE} can be added at once.`);
  }
  return ders.map((der, index) => checkOne(der, ders.length > 1 ? `Certificate ${index + 1} of ${ders.length}` : 'The certificate', now));
}

function splitCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes(PEM_MARKER)) return [new Uint8Array(bytes)]; // DER: checked as one certificate below
  let blocks: Uint8Array[];
  try {
    blocks = pemToDerList(text);
  } catch (error) {
    throw new CaFileError('not-a-certificate', 'The file has a PEM certificate block that is not valid base64.', { cause: error });
  }
  if (blocks.length === 0) {
    throw new CaFileError('not-a-certificate', 'The file holds PEM data, but no certificate (a key or a request is not a certificate authority).');
  }
  return blocks;
}

function checkOne(der: Uint8Array, which: string, now: Date): ParsedCa {
  let summary;
  let isCa: boolean;
  try {
    summary = summarizeCertificate(der);
    const ext = new X509Certificate(new Uint8Array(der)).getExtension(BasicConstraintsExtension);
    isCa = ext !== null && ext.ca;
  } catch (error) {
    const detail = error instanceof CertificateParseError ? ` ${error.message}` : '';
    throw new CaFileError('not-a-certificate', `${which} cannot be read: the file is not a certificate in PEM or DER form.${detail}`, { cause: error });
  }
  const named = `${which} (${summary.subject})`;
  if (!isCa) {
    throw new CaFileError('not-a-ca', `${named} is not a certificate authority: it is a server's or a person's certificate, which cannot vouch for others.`);
  }
  if (Date.parse(summary.notAfter) < now.getTime()) {
    throw new CaFileError('expired', `${named} expired on ${summary.notAfter.slice(0, 10)}.`);
  }
  if (Date.parse(summary.notBefore) > now.getTime()) {
    throw new CaFileError('not-yet-valid', `${named} is not valid before ${summary.notBefore.slice(0, 10)}.`);
  }
  return {
    subject: summary.subject,
    issuer: summary.issuer,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    sha256: createHash('sha256').update(der).digest('hex'),
    der,
  };
}
