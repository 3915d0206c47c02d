/**
 * issue 15: OMEMO. Our correction of a message that was sent encrypted goes encrypted too (XEP-0308 as the OMEMO
 * clients send it): this seals its new text for the contact's devices and our other ones, or refuses with a typed
 * kind and plain words. It is never sent in plaintext instead: the contact's client would refuse a plaintext
 * correction of an encrypted message (the server could have written it), and the text would lie on the server.
 *
 * Unlike a queued message, a correction is sent at once or not at all, so keys that cannot be fetched right now
 * refuse it too (the person tries again).
 */
import type { EncryptedMessage } from '../omemo/omemo-types.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { EncryptFor } from '../xmpp/features/outgoing-stanza.js';
import { OutgoingRefusal } from '../xmpp/features/outgoing-refusal.js';

export type CorrectionRefusalKind =
  /** The account has no OMEMO to encrypt with (switched off, or its keys did not open). */
  | 'not-set-up'
  /** The contact's keys could not be fetched right now (offline, or the server did not answer). */
  | 'keys-unreachable'
  /** The encryption refused (no trusted device of the contact, a damaged key store, …). */
  | 'encryption-failed'
  /** The message itself could not be decrypted here: there is no text to correct. */
  | 'undecryptable';

export class CorrectionRefusal extends UserFacingError {
  override name = 'CorrectionRefusal';
  constructor(
    readonly kind: CorrectionRefusalKind,
    message: string,
  ) {
    super(message);
  }
}

export const correctionRefusal = (kind: Exclude<CorrectionRefusalKind, 'encryption-failed'>): CorrectionRefusal => new CorrectionRefusal(kind, WORDS[kind]);

const WORDS: Record<Exclude<CorrectionRefusalKind, 'encryption-failed'>, string> = {
  'not-set-up': 'That message was sent encrypted, and encryption is not set up for this account now, so the correction was not sent (it would have travelled unencrypted).',
  'keys-unreachable': "The correction was not sent: this contact's encryption keys could not be fetched right now. Try again in a moment.",
  undecryptable: 'That message could not be decrypted on this device, so it cannot be corrected from here.',
};

/** The new text encrypted for `peer`; rejects with a CorrectionRefusal. `encrypt` null: the account has no OMEMO. */
export async function sealCorrection(encrypt: EncryptFor | null, peer: string, body: string): Promise<EncryptedMessage> {
  if (encrypt === null) throw correctionRefusal('not-set-up');
  try {
    return await encrypt(peer, body);
  } catch (error) {
    if (error instanceof OutgoingRefusal && error.kind === 'keys-unreachable') throw correctionRefusal('keys-unreachable');
    if (error instanceof OutgoingRefusal && error.kind === 'not-set-up') throw correctionRefusal('not-set-up');
    // The encryption's own words say why (chat-omemo.ts words them for a message; the reason is what matters).
    const why = error instanceof OutgoingRefusal && error.cause instanceof Error ? error.cause.message : null;
    throw new CorrectionRefusal('encryption-failed', `The correction could not be encrypted, so it was not sent${why === null ? '.' : `: ${why}`}`);
  }
}
