/** `hostproof-posh generate`: documents for server operators to publish (RFC 7711 §3). */
import { readFile } from 'node:fs/promises';
import { CertificateParseError, pemToDerList } from '../trust/certificate.js';
import { encodeBase64 } from '../encoding/base64.js';
import { certificateDigest } from '../trust/posh/fingerprints.js';
import type { GenerateOptions } from './cli-options.js';
import type { CliIo } from './cli-io.js';
import { EXIT_OK, type ExitCode } from './exit-codes.js';
import { UsageError } from './usage-error.js';

export async function runGenerate(options: GenerateOptions, io: CliIo): Promise<ExitCode> {
  if (options.kind === 'reference') {
    io.out(JSON.stringify({ url: options.url, expires: options.expires }, null, 2));
    return EXIT_OK;
  }
  const fingerprints: Array<Record<string, string>> = [];
  for (const file of options.certFiles) {
    const der = await leafOf(file);
    // One descriptor per certificate: several allow a rollover (the old and the new are both accepted).
    fingerprints.push({
      'sha-256': encodeBase64(certificateDigest(der, 'sha-256')),
      'sha-512': encodeBase64(certificateDigest(der, 'sha-512')),
    });
  }
  io.out(JSON.stringify({ fingerprints, expires: options.expires }, null, 2));
  return EXIT_OK;
}

/** The first certificate of a PEM file is the server's own (the rest would be its chain). */
async function leafOf(file: string): Promise<Uint8Array> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--cert ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    const [leaf] = pemToDerList(text);
    if (!leaf) throw new CertificateParseError('no certificate');
    return leaf;
  } catch {
    throw new UsageError(`--cert ${file}: it holds no PEM certificate.`);
  }
}
