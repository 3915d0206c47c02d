/**
 * The POSH test vectors (copied from the shared vectors into test/fixtures/posh so a clean clone has them):
 * the RFC 7711 example certificates and documents, and the fingerprints published for them.
 * All four example certificates are expired: tests that need them valid fix the clock inside their validity.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const POSH_VECTORS_DIR = fileURLToPath(new URL('../fixtures/posh/', import.meta.url));

export interface VectorCertificate {
  readonly subjectCN?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly 'sha-256': string;
  readonly 'sha-512'?: string;
  readonly x5t?: string;
  readonly spkiSha256?: string;
}

export interface PoshVectors {
  readonly certificates: Readonly<Record<string, VectorCertificate>>;
  readonly documents: Readonly<Record<string, unknown>>;
}

export function loadPoshVectors(): PoshVectors {
  return JSON.parse(readFileSync(`${POSH_VECTORS_DIR}expected.json`, 'utf8')) as PoshVectors;
}

/** A vector certificate's DER, whether the file is PEM (`.crt`) or DER (`.der`). */
export function vectorCertificateDer(file: string): Buffer {
  const bytes = readFileSync(`${POSH_VECTORS_DIR}${file}`);
  return Buffer.from(new X509Certificate(bytes).raw);
}

/** One of the example documents from expected.json, as the JSON text a server would send. */
export function vectorDocumentText(name: string): string {
  const document = loadPoshVectors().documents[name];
  if (document === undefined || typeof document === 'string') throw new Error(`no example document ${name}`);
  return JSON.stringify(document);
}

export function seedJwkSetText(): string {
  return readFileSync(`${POSH_VECTORS_DIR}seed-jwk-set.json`, 'utf8');
}
