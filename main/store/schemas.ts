/**
 * Validation of what the stores read back from disk. A file is data from the past (or from whoever could
 * write to the user's profile): nothing is trusted until it passes these schemas.
 */
import { z } from 'zod';
import type { CertificateNames, CertificateSummary } from '../../app/domain/certificate.js';
import type { Pin } from '../../app/domain/trust.js';
import { XMPP_CLIENT_SERVICE } from '../../app/domain/trust.js';
import { asciiDomain } from '../../app/domain/address/domain-name.js';

/** Standard base64 of a SHA-256 digest: 32 bytes, always 44 characters with one "=". */
export const sha256Base64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'not a base64 SHA-256 digest');

export const isoTime = z.iso.datetime({ offset: true });

/** A domain as the stores key it: already a lower-case A-label. */
const storedDomain = z.string().refine((value) => asciiDomain(value) === value, 'not a lower-case A-label domain name');

const nameList = z.array(z.string().max(1024)).max(10_000);

const certificateNamesSchema = z.object({
  dns: nameList,
  srv: nameList,
  xmppAddr: nameList,
  commonNames: nameList,
}) satisfies z.ZodType<CertificateNames>;

const certificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  names: certificateNamesSchema,
  notBefore: isoTime,
  notAfter: isoTime,
  sha256: sha256Base64,
  spkiSha256: sha256Base64,
  selfIssued: z.boolean(),
}) satisfies z.ZodType<CertificateSummary>;

export const pinSchema = z.object({
  domain: storedDomain,
  service: z.literal(XMPP_CLIENT_SERVICE),
  spkiSha256: sha256Base64,
  certificate: certificateSummarySchema.nullable(),
  approvedAt: isoTime,
  approvedHow: z.enum(['pinned', 'replaced', 'published-fingerprint']),
  lastSeenAt: isoTime.nullable(),
  // Files written before this field existed have none: they were written while the key matched.
  mismatchSince: isoTime.nullable().default(null),
}) satisfies z.ZodType<Pin>;
