/**
 * The client side of one SASL mechanism, as a small state machine the session drives:
 * `initial()` gives the bytes for `<auth>`, `challenge()` answers each `<challenge>`, and `success()` checks
 * the data in `<success>`. For SCRAM, `success()` verifies the server signature: a server that cannot prove
 * it knows the password (an impostor that merely accepted us) is refused.
 */
import type { MechanismName } from '../../../app/domain/sasl-mechanism.js';

export type { MechanismName };

export interface SaslCredentials {
  /** The local part of the JID (the SASL authcid), unprepared text as the user typed it. */
  readonly username: string;
  readonly password: string;
}

export interface SaslExchange {
  readonly mechanism: MechanismName;
  /** Bytes for the initial response, or null when the mechanism sends none. */
  initial(): Uint8Array | null;
  /** Answer one server challenge; throws SaslError on a malformed or hostile challenge. */
  challenge(data: Uint8Array): Promise<Uint8Array>;
  /** Check the additional data of `<success>`; throws SaslError when it does not verify. */
  success(data: Uint8Array | null): void;
}

export class SaslError extends Error {
  override name = 'SaslError';
}
