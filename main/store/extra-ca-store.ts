/**
 * The certificate authorities the user added on top of the operating system's roots (posh.md §3). It keeps
 * the certificates themselves (DER, with subject, issuer, validity, SHA-256 and when they were added), never
 * a path: the file the person chose may change or vanish later, and what they confirmed is what stays trusted.
 *
 * Crash-safe and fail-closed through versioned-json-file.ts: a damaged file is moved aside and reported, and
 * the store starts empty, which means "no extra roots" (fewer servers trusted), never "trust everything".
 * Each entry's fingerprint is checked against its bytes on load, so an entry cannot name one certificate and
 * hold another.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SHA256_HEX, type CaFacts, type ExtraCaView } from '../../app/domain/extra-ca.js';
import { isoTime } from './schemas.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const EXTRA_CA_FILE_SCHEMA = 'hostproof.extra-cas';
export const EXTRA_CA_FILE_VERSION = 1;
/** Far above what a person adds by hand; keeps a tampered file from making every connection slow. */
const MAX_STORED = 1000;

export interface StoredCa extends ExtraCaView {
  /** Standard base64 of the certificate's DER. */
  readonly der: string;
}

export type ExtraCaStoreOptions = JsonStoreOptions;

export interface ExtraCaStore {
  /** Every added authority, oldest first. */
  list(): Promise<readonly ExtraCaView[]>;
  /** The added authorities as PEM, for TLS: read from disk each time, so a change counts at the next connect. */
  pems(): Promise<readonly string[]>;
  /** Adds those not stored yet (by fingerprint); answers the ones it added. */
  add(authorities: readonly (CaFacts & { readonly der: Uint8Array })[], addedAt: string): Promise<readonly ExtraCaView[]>;
  /** False when there was no such authority. */
  remove(sha256: string): Promise<boolean>;
}

const storedCaSchema = z
  .strictObject({
    subject: z.string().max(4096),
    issuer: z.string().max(4096),
    notBefore: isoTime,
    notAfter: isoTime,
    sha256: z.string().regex(SHA256_HEX, 'not a hex SHA-256 digest'),
    addedAt: isoTime,
    der: z.string().max(1024 * 1024).regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'not base64'),
  })
  .refine((ca) => sha256Hex(Buffer.from(ca.der, 'base64')) === ca.sha256, 'the fingerprint does not match the certificate');

const storedListSchema = z
  .array(storedCaSchema)
  .max(MAX_STORED)
  .refine((list) => new Set(list.map((ca) => ca.sha256)).size === list.length, 'the same authority twice');

export function createExtraCaStore(options: ExtraCaStoreOptions): ExtraCaStore {
  const file = createVersionedJsonFile<StoredCa[]>({
    file: options.file,
    schema: EXTRA_CA_FILE_SCHEMA,
    version: EXTRA_CA_FILE_VERSION,
    data: storedListSchema,
    empty: () => [],
    label: 'certificate authority',
    consequence: 'Servers whose certificates come from an authority you added are not trusted until you add it again.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });

  return {
    list: async () => (await file.read()).map(view),

    pems: async () => (await file.read()).map((ca) => toPem(ca.der)),

    async add(authorities, addedAt) {
      const added: ExtraCaView[] = [];
      await file.update((stored) => {
        const known = new Set(stored.map((ca) => ca.sha256));
        const fresh: StoredCa[] = [];
        for (const ca of authorities) {
          if (known.has(ca.sha256)) continue;
          known.add(ca.sha256);
          const { subject, issuer, notBefore, notAfter, sha256 } = ca;
          fresh.push({ subject, issuer, notBefore, notAfter, sha256, addedAt, der: Buffer.from(ca.der).toString('base64') });
        }
        added.push(...fresh.map(view));
        return fresh.length === 0 ? stored : [...stored, ...fresh];
      });
      return added;
    },

    async remove(sha256) {
      let found = false;
      await file.update((stored) => {
        found = stored.some((ca) => ca.sha256 === sha256);
        return found ? stored.filter((ca) => ca.sha256 !== sha256) : stored;
      });
      return found;
    },
  };
}

function view({ subject, issuer, notBefore, notAfter, sha256, addedAt }: StoredCa): ExtraCaView {
  return { subject, issuer, notBefore, notAfter, sha256, addedAt };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toPem(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
