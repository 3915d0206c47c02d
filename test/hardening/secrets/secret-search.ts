/**
 * Test helper: looks for a secret in bytes, in every form a careless program might write it: as UTF-8,
 * UTF-16 (both byte orders), hex (either case) and base64 (standard and URL-safe, at each of the three
 * alignments, so a password inside a larger encoded blob, such as SASL PLAIN's "\0user\0password", is found
 * too). Returns the names of the forms found.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SecretForm {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The base64 text that any encoding of `secret` starting `offset` bytes into a 3-byte group must contain. */
function base64Core(secret: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString(alphabet).replace(/=+$/, '');
  // Drop the group the padding bytes share with the secret, and a last group the next bytes would change.
  const start = offset === 0 ? 0 : 4;
  const whole = Math.floor((offset + secret.length) / 3) * 4;
  return encoded.slice(start, whole);
}

export function secretForms(secret: string): SecretForm[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const forms: SecretForm[] = [
    { name: 'plain', bytes: utf8 },
    { name: 'utf-16le', bytes: Buffer.from(secret, 'utf16le') },
    { name: 'utf-16be', bytes: Buffer.from(secret, 'utf16le').swap16() },
    { name: 'hex', bytes: Buffer.from(utf8.toString('hex')) },
    { name: 'HEX', bytes: Buffer.from(utf8.toString('hex').toUpperCase()) },
  ];
  for (const alphabet of ['base64', 'base64url'] as const) {
    for (const offset of [0, 1, 2]) forms.push({ name: `${alphabet}+${offset}`, bytes: Buffer.from(base64Core(utf8, offset, alphabet)) });
  }
  return forms;
}

/** The forms of any of `secrets` found in `haystack`, as "secret-name:form". */
export function findSecrets(haystack: Buffer, secrets: ReadonlyMap<string, readonly SecretForm[]>): string[] {
  const hits: string[] = [];
  for (const [label, forms] of secrets) {
    for (const form of forms) if (haystack.includes(form.bytes)) hits.push(`${label}:${form.name}`);
  }
  return hits;
}

/** Every regular file under `dir`, with its bytes, by path relative to `dir`. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    // A file replaced between listing and reading (an atomic write) is read at its next snapshot.
    const bytes = await readFile(full).catch(() => null);
    if (bytes !== null) files.set(path.relative(dir, full), bytes);
  }
  return files;
}
