/**
 * XEP-0474 (SASL SCRAM Downgrade Protection, version 0.5.0 §4): a server may put `h=` in its SCRAM
 * server-first message, the base64 hash of what it advertised before authentication:
 *
 *   S = sorted mechanisms joined by %x1E
 *       [ %x1F sorted channel-binding types joined by %x1E ]   (only when it advertised XEP-0440)
 *   h = base64(HASH(S)), HASH the one of the SCRAM mechanism in use
 *
 * Sorting is "i;octet" (RFC 4790 §9.3): by UTF-8 bytes. The client computes the same over what it received;
 * a difference means the offer was changed on the way (a `-PLUS` mechanism or a binding type stripped), so
 * the login stops before the client proof, which an attacker could otherwise use (XEP-0474 §4.2).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SaslError } from './mechanism.js';
import type { ScramDigest } from './scram-keys.js';

/** What the server advertised before authentication, as received. */
export interface AdvertisedSasl {
  /** The `<mechanism>` texts of `<mechanisms>`. */
  readonly mechanisms: readonly string[];
  /** The XEP-0440 `<channel-binding type>` values, or null when the server sent no such list. */
  readonly channelBindings: readonly string[] | null;
}

/** The offer was not what the server sent: a possible downgrade attack. */
export class SaslDowngradeError extends SaslError {
  override name = 'SaslDowngradeError';
}

const octetOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The XEP-0474 hash (base64) of `advertised` with `digest`. */
export function downgradeProtectionHash(advertised: AdvertisedSasl, digest: ScramDigest): string {
  let text = [...advertised.mechanisms].sort(octetOrder).join('\x1e');
  if (advertised.channelBindings !== null) text += `\x1f${[...advertised.channelBindings].sort(octetOrder).join('\x1e')}`;
  return createHash(digest).update(text, 'utf8').digest('base64');
}

/** Throws SaslDowngradeError unless `received` (the `h=` value) is the hash of what this client was offered. */
export function verifyDowngradeProtection(received: string, advertised: AdvertisedSasl, digest: ScramDigest): void {
  const expected = Buffer.from(downgradeProtectionHash(advertised, digest), 'utf8');
  const got = Buffer.from(received, 'utf8');
  if (got.length === expected.length && timingSafeEqual(got, expected)) return;
  throw new SaslDowngradeError(
    'The login methods Hostproof received are not the ones the server says it offered (XEP-0474 check): ' +
      'someone may have removed the safer methods on the way, a possible downgrade attack. Hostproof stopped before sending any proof of your password.',
  );
}
