/**
 * The XEP-0115 (entity capabilities) verification string: a hash over our disco identities and features,
 * so contacts can cache what a client supports instead of asking every device. Only the 'sha-1' method
 * and no extended forms: that is all Hostproof advertises (§5.1 steps 1-7 and 9-10; step 8 is forms).
 */
import { createHash } from 'node:crypto';

export interface DiscoIdentity {
  readonly category: string;
  readonly type: string;
  readonly name: string | null;
  readonly lang: string | null;
}

/** XEP-0115 sorts with "i;octet" (RFC 4790): byte order of the UTF-8 encoding, not locale order. */
function octetCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function capsVerificationString(identities: readonly DiscoIdentity[], features: readonly string[]): string {
  const sortedIdentities = [...identities].sort(
    (a, b) => octetCompare(a.category, b.category) || octetCompare(a.type, b.type) || octetCompare(a.lang ?? '', b.lang ?? ''),
  );
  let s = '';
  for (const identity of sortedIdentities) s += `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name ?? ''}<`;
  for (const feature of [...features].sort(octetCompare)) s += `${feature}<`;
  return s;
}

/** The `ver` attribute: base64 of the SHA-1 of the verification string. */
export function capsVer(identities: readonly DiscoIdentity[], features: readonly string[]): string {
  return createHash('sha1').update(capsVerificationString(identities, features), 'utf8').digest('base64');
}
