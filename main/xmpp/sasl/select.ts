/**
 * Which SASL mechanism to use with the server's offer (posh.md §7.5): SCRAM-SHA-256, then SCRAM-SHA-1, then
 * PLAIN, and PLAIN only over TLS whose server identity was proven by PKIX, POSH or a pin (it sends the password
 * itself). A key the user accepted once ("connect once") is not a proof: it only says the user chose to go on,
 * often without checking the fingerprint, so a password in clear is exactly what an attacker there would get.
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
import type { TrustMethod } from '../../../app/domain/trust.js';
import type { MechanismName } from './mechanism.js';

/**
 * What the login memory knows of an account: the mechanism that last worked, or 'scram-required' when its
 * record was lost to a damaged file (login-memory.ts) and only a SCRAM login may set it again.
 */
export type RememberedMechanism = MechanismName | 'scram-required';

export interface MechanismOffer {
  /** The `<mechanism>` texts of the server's `<mechanisms>` feature, as received. */
  readonly offered: readonly string[];
  /** How the TLS connection's server was verified: the verdict's method ('accepted-once' is the user's approval). */
  readonly serverProof: TrustMethod;
  /** The mechanism this account last authenticated with, 'scram-required', or null when it never did. */
  readonly previouslySucceeded: RememberedMechanism | null;
}

export interface MechanismWarning {
  readonly kind: 'weaker-than-before';
  readonly previous: MechanismName;
  readonly message: string;
}

export type MechanismRefusal = 'none-supported' | 'plain-not-allowed' | 'downgrade';

/** The methods that prove the server's identity; PLAIN may go only to a server proven by one of them. */
const PROVEN: ReadonlySet<TrustMethod> = new Set<TrustMethod>(['pkix', 'posh', 'pin']);

export type MechanismChoice =
  | { readonly ok: true; readonly mechanism: MechanismName; readonly warning: MechanismWarning | null }
  | { readonly ok: false; readonly reason: MechanismRefusal; readonly message: string };

/** Strongest first. */
const PREFERENCE: readonly MechanismName[] = SASL_MECHANISMS;

const strength = (mechanism: MechanismName): number => PREFERENCE.length - PREFERENCE.indexOf(mechanism);
const isScram = (mechanism: RememberedMechanism | null): boolean =>
  mechanism === 'SCRAM-SHA-256' || mechanism === 'SCRAM-SHA-1' || mechanism === 'scram-required';

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
      previous !== null && previous !== 'scram-required' && strength(scram) < strength(previous)
        ? {
            kind: 'weaker-than-before',
            previous,
            message: `The server now offers ${scram} but no longer ${previous}, which this account used before. Hostproof logged in with ${scram}, which still keeps your password from the server.`,
          }
        : null;
    return { ok: true, mechanism: scram, warning };
  }

  if (offered.has('PLAIN')) {
    if (previous === 'scram-required') {
      return {
        ok: false,
        reason: 'downgrade',
        message:
          'The server asks for your password in clear (PLAIN). Hostproof lost its record of how this account logs in ' +
          '(the file was damaged), so it requires the safer SCRAM method until a SCRAM login succeeds again, and did not send your password.',
      };
    }
    if (isScram(previous)) {
      return {
        ok: false,
        reason: 'downgrade',
        message: `The server no longer offers ${previous}, which this account used before, and asks for your password in clear (PLAIN). Someone may be tampering with the connection, so Hostproof did not send your password.`,
      };
    }
    if (!PROVEN.has(offer.serverProof)) {
      return {
        ok: false,
        reason: 'plain-not-allowed',
        message:
          offer.serverProof === 'accepted-once'
            ? 'The server only accepts the password in clear (PLAIN), and you accepted its key for this connection only, without it being verified, so Hostproof did not send your password. Pin the key (after checking its fingerprint) to log in with PLAIN.'
            : 'The server only accepts the password in clear (PLAIN), and its identity was not verified, so Hostproof did not send your password.',
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
