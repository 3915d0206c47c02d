/**
 * Which SASL mechanism to use with the server's offer (posh.md §7.5): SCRAM-SHA-512-PLUS, -256-PLUS, -1-PLUS
 * when this connection can bind (binding-choice.ts), then SCRAM-SHA-512, -256, -1, then PLAIN, and PLAIN only
 * over TLS whose server identity was proven by PKIX, POSH or a pin (it sends the password itself). A key the
 * user accepted once ("connect once") is not a proof: it only says the user chose to go on, often without
 * checking the fingerprint, so a password in clear is exactly what an attacker there would get.
 *
 * Downgrade policy. The account remembers the mechanism that last succeeded (login-memory.ts), `-PLUS`
 * included. We refuse ('downgrade') when it was SCRAM and the server now offers PLAIN but no SCRAM: stripping
 * SCRAM from the offer is exactly what an attacker who wants the password in clear would do. That is final.
 * When it was bound to the TLS connection (`-PLUS`) and this login would not be, with an unbound SCRAM on offer,
 * we refuse with 'binding-lost': stripping `-PLUS` (or the XEP-0440 list) is what a man in the middle who got
 * past the certificate needs, since a bound proof is worthless to him, but servers also change their settings,
 * so the user is asked (account-connection.ts) and may log in unbound; the login then passes the unbound
 * mechanism as `previouslySucceeded`. Bound before and only PLAIN now stays a 'downgrade'.
 * SCRAM-SHA-256 → SCRAM-SHA-1 (bound or not alike) is allowed but reported in `warning`: both keep the password
 * from the server and verify the server, and servers do change their SCRAM configuration.
 */
import { SASL_MECHANISMS, isChannelBound } from '../../../app/domain/sasl-mechanism.js';
import type { TrustMethod } from '../../../app/domain/trust.js';
import { chooseBinding, type BindingDecision } from './binding-choice.js';
import type { ChannelBindingType } from './channel-binding.js';
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
  /** The server's XEP-0440 channel-binding types, or null when it sent no list. */
  readonly channelBindings: readonly string[] | null;
  /** The channel-binding types this connection can give data for, preferred first; empty: cannot bind. */
  readonly availableBindings: readonly ChannelBindingType[];
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
  | {
      readonly ok: true;
      readonly mechanism: MechanismName;
      /** The gs2 answer for a SCRAM mechanism (`p` exactly for `-PLUS`); null for PLAIN, which has none. */
      readonly binding: BindingDecision | null;
      readonly warning: MechanismWarning | null;
    }
  | { readonly ok: false; readonly reason: MechanismRefusal; readonly message: string }
  /** Bound before, cannot bind now, `unbound` on offer: the user may decide to log in with it (see the header). */
  | {
      readonly ok: false;
      readonly reason: 'binding-lost';
      readonly message: string;
      readonly previous: MechanismName;
      readonly unbound: MechanismName;
      /** Why this login cannot be bound, in plain words. */
      readonly why: string;
    };

/** Strongest first. */
const PREFERENCE: readonly MechanismName[] = SASL_MECHANISMS;

/** The hash family, so SHA-256-PLUS and SHA-256 compare as equally strong hashes. */
const hashRank = (mechanism: MechanismName): number => ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'SCRAM-SHA-1'].indexOf(mechanism.replace(/-PLUS$/, ''));
const isScram = (mechanism: RememberedMechanism | null): boolean => mechanism === 'scram-required' || (mechanism?.startsWith('SCRAM-') ?? false);

/** RFC 4422 §3.1 mechanism names: 1 to 20 of upper-case letters, digits, "-" and "_". */
const MECHANISM_NAME = /^[A-Z0-9_-]{1,20}$/;

/** The server's list as it may be shown in a message: only well-formed names, a bounded number of them. */
function describeOffer(offered: readonly string[]): string {
  const names = offered.map((name) => name.trim()).filter((name) => MECHANISM_NAME.test(name));
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown}, ...` : shown;
}

/** Why this login cannot be bound, in the words of the downgrade message. */
function unboundBecause(binding: BindingDecision): string {
  if (binding.flag === 'y') return 'the server no longer offers a channel-bound login method';
  if (binding.flag === 'p') return '';
  switch (binding.why) {
    case 'undeclared-on-tls13':
      return 'the server no longer says which channel-binding types it supports (XEP-0440)';
    case 'no-common-type':
      return 'the server no longer declares a channel-binding type Hostproof can use on this connection';
    case 'cannot-bind':
      return 'this connection gives no channel-binding data';
  }
}

export function chooseMechanism(offer: MechanismOffer): MechanismChoice {
  // Mechanism names are case-sensitive upper-case tokens (RFC 4422); whitespace around the XML text is not part of them.
  const offered = new Set(offer.offered.map((name) => name.trim()));
  const previous = offer.previouslySucceeded;

  const plus = PREFERENCE.find((mechanism) => isChannelBound(mechanism) && offered.has(mechanism));
  const binding = chooseBinding({ plusOffered: plus !== undefined, declared: offer.channelBindings, available: offer.availableBindings });
  const scram =
    binding.flag === 'p' ? plus : PREFERENCE.find((mechanism) => isScram(mechanism) && !isChannelBound(mechanism) && offered.has(mechanism));

  const bindingLost = previous !== null && previous !== 'scram-required' && isChannelBound(previous) && binding.flag !== 'p';
  if (bindingLost && (scram !== undefined || offered.has('PLAIN'))) {
    const why = unboundBecause(binding);
    const message =
      `This account logged in with ${previous} before, bound to its encrypted connection, and this time the login could not be bound: ${why}. ` +
      'Someone who got past the certificate check may be tampering with the connection, so Hostproof did not log in.';
    // Only PLAIN left: the password would go out in clear, which no answer of the user's may allow.
    if (scram === undefined) return { ok: false, reason: 'downgrade', message };
    return { ok: false, reason: 'binding-lost', message, previous, unbound: scram, why };
  }

  if (scram !== undefined) {
    const warning: MechanismWarning | null =
      previous !== null && previous !== 'scram-required' && isScram(previous) && hashRank(scram) > hashRank(previous)
        ? {
            kind: 'weaker-than-before',
            previous,
            message: `The server now offers ${scram} but no longer ${previous}, which this account used before. Hostproof logged in with ${scram}, which still keeps your password from the server.`,
          }
        : null;
    return { ok: true, mechanism: scram, binding, warning };
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
    return { ok: true, mechanism: 'PLAIN', binding: null, warning: null };
  }

  const onlyPlus = plus !== undefined;
  return {
    ok: false,
    reason: 'none-supported',
    message:
      `The server offers no login method Hostproof supports (offered: ${describeOffer(offer.offered)}; supported: ${PREFERENCE.join(', ')}).` +
      (onlyPlus ? ' It offers only channel-bound (-PLUS) methods, and this connection cannot be bound with a type the server is known to accept.' : ''),
  };
}
