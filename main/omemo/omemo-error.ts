/**
 * Every way OMEMO's cryptography can refuse, as a kind the caller acts on (the wire layer repairs a broken
 * session, the trust center shows a changed key, the conversation shows "not encrypted for this device").
 */
export type OmemoErrorKind =
  /** The message carries no key for our device id: it was encrypted before the sender knew this device. */
  | 'not-for-this-device'
  /** We hold no session with the sending device (lost or never made): re-establish with a key transport. */
  | 'no-session'
  /** The Signal message could not be read or authenticated (tampered, truncated, replayed, or the session is out of step). */
  | 'bad-message'
  /** The Signal layer gave a key, but the AES-GCM payload did not authenticate under it, or is not UTF-8. */
  | 'bad-payload'
  /** A device we know presented another identity key than the one we saw before: refused until the person decides. */
  | 'identity-changed'
  /** The identity policy refused a device's identity key that was not a change (for example a policy that trusts only verified devices). */
  | 'untrusted-identity'
  /** A published bundle that cannot open a session: wrong key sizes, or a signed pre-key whose signature does not verify. */
  | 'bad-bundle'
  /** This account has no OMEMO device yet (set it up first). */
  | 'no-device'
  /** A stored key record that does not decode: the store is damaged, so nothing is guessed. */
  | 'corrupt-store'
  /** An `xmpp:` fingerprint URI that is not one. */
  | 'malformed-uri'
  /** The caller passed something no OMEMO operation accepts (a bad device id, a fingerprint of the wrong length). */
  | 'invalid-input';

export class OmemoError extends Error {
  override readonly name = 'OmemoError';
  readonly kind: OmemoErrorKind;

  constructor(kind: OmemoErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
