/**
 * Which SASL mechanism to use with the server's offer (posh.md §7.5): SCRAM-SHA-256, then SCRAM-SHA-1, then
 * PLAIN, and PLAIN only over TLS whose server identity was verified (it sends the password itself).
 *
 * Downgrade policy. The account remembers the mechanism that last succeeded. If that was SCRAM and the
 * server now offers PLAIN but no SCRAM, we refuse ('downgrade'): stripping SCRAM from the offer is exactly
 * what an attacker who wants the password in clear would do, and a real server rarely loses SCRAM overnight.
 * SCRAM-SHA-256 → SCRAM-SHA-1 is allowed but reported in `warning`: both keep the password from the server
 * and verify the server, and servers do change their SCRAM configuration (e.g. a migration that reset the
 * stored SHA-256 keys).
 *
 * Channel binding: the `-PLUS` variants are ignored, since this client does not implement channel binding
 * yet. Our SCRAM sends gs2 flag `n` ("client does not support channel binding"), which is the honest answer
 * and cannot be confused with a stripped binding. A server offering only `-PLUS` variants is 'none-supported'.
 */
import { SASL_MECHANISMS } from '../../../app/domain/sasl-mechanism.js';
import type { MechanismName } from './mechanism.js';

export interface MechanismOffer {
  /** The `<mechanism>` texts of the server's `<mechanisms>` feature, as received. */
  readonly offered: readonly string[];
  /** Whether the TLS connection's server was verified (PKIX, POSH, pin, or the user's one-time approval). */
  readonly tlsVerified: boolean;
  /** The mechanism this account last authenticated with, or null when it never did. */
  readonly previouslySucceeded: MechanismName | null;
}

export interface MechanismWarning {
  readonly kind: 'weaker-than-before';
  readonly previous: MechanismName;
  readonly message: string;
}

export type MechanismRefusal = 'none-supported' | 'plain-not-allowed' | 'downgrade';

export type MechanismChoice =
  | { readonly ok: true; readonly mechanism: MechanismName; readonly warning: MechanismWarning | null }
  | { readonly ok: false; readonly reason: MechanismRefusal; readonly message: string };

/** Strongest first. */
const PREFERENCE: readonly MechanismName[] = SASL_MECHANISMS;

const strength = (mechanism: MechanismName): number => PREFERENCE.length - PREFERENCE.indexOf(mechanism);
const isScram = (mechanism: MechanismName | null): boolean => mechanism === 'SCRAM-SHA-256' || mechanism === 'SCRAM-SHA-1';

/** RFC 4422 §3.1 mechanism names: 1 to 20 of upper-case letters, digits, "-" and "_". */
const MECHANISM_NAME = /^[A-Z0-9_-]{1,20}$/;

/** The server's list as it may be shown in a message: only well-formed names, a bounded number of them. */
function describeOffer(offered: readonly string[]): string {
  const names = offered.map((name) => name.trim()).filter((name) => MECHANISM_NAME.test(name));
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown}, ...` : shown;
}

export function chooseMechanism(offer: MechanismOffer): MechanismChoice {
  // Mechanism names are case-sensitive upper-case tokens (RFC 4422); whitespace around the XML text is not part of them.
  const offered = new Set(offer.offered.map((name) => name.trim()));
  const previous = offer.previouslySucceeded;

  const scram = PREFERENCE.find((mechanism) => isScram(mechanism) && offered.has(mechanism));
  if (scram !== undefined) {
    const warning: MechanismWarning | null =
      previous !== null && strength(scram) < strength(previous)
        ? {
            kind: 'weaker-than-before',
            previous,
            message: `The server now offers ${scram} but no longer ${previous}, which this account used before. Hostproof logged in with ${scram}, which still keeps your password from the server.`,
          }
        : null;
    return { ok: true, mechanism: scram, warning };
  }

  if (offered.has('PLAIN')) {
    if (isScram(previous)) {
      return {
        ok: false,
        reason: 'downgrade',
        message: `The server no longer offers ${previous}, which this account used before, and asks for your password in clear (PLAIN). Someone may be tampering with the connection, so Hostproof did not send your password.`,
      };
    }
    if (!offer.tlsVerified) {
      return {
        ok: false,
        reason: 'plain-not-allowed',
        message: 'The server only accepts the password in clear (PLAIN), and its identity was not verified, so Hostproof did not send your password.',
      };
    }
    return { ok: true, mechanism: 'PLAIN', warning: null };
  }

  const onlyPlus = [...offered].some((name) => name.endsWith('-PLUS'));
  return {
    ok: false,
    reason: 'none-supported',
    message:
      `The server offers no login method Hostproof supports (offered: ${describeOffer(offer.offered)}; supported: ${PREFERENCE.join(', ')}).` +
      (onlyPlus ? ' Channel-binding (-PLUS) methods are not supported yet.' : ''),
  };
}
