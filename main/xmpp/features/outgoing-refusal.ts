/**
 * Why one of our messages was not sent and will not be (issue 15: OMEMO): the stanza for it could not be built
 * as the message requires. The outgoing queue marks it 'failed' with these words, and never sends it otherwise;
 * a message written encrypted is never sent in plaintext instead.
 */
export type OutgoingRefusalKind =
  /** Written encrypted, but this account has nothing to encrypt with. */
  | 'not-set-up'
  /** The encryption refused (no device of the contact could be reached, every one untrusted, a damaged key store). */
  | 'encryption-failed'
  /**
   * A shared file's https link in an encrypted conversation: that file lies unencrypted on the server (a file
   * shared encrypted travels as an aesgcm link instead, XEP-0454).
   */
  | 'file-not-encrypted'
  /**
   * The keys could not be fetched right now (device list or bundles unanswered): the message is kept and tried
   * again when the queue next runs, not failed.
   */
  | 'keys-unreachable';

export class OutgoingRefusal extends Error {
  override readonly name = 'OutgoingRefusal';
  constructor(
    readonly kind: OutgoingRefusalKind,
    /** In plain words, for the person: shown as the message's error. */
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The plain words each refusal is shown with when the caller has none of its own. */
export function refusalText(kind: OutgoingRefusalKind): string {
  switch (kind) {
    case 'not-set-up':
      return 'This message was written encrypted, but encryption is not set up for this account, so it was not sent.';
    case 'encryption-failed':
      return 'This message could not be encrypted for this contact, so it was not sent.';
    case 'file-not-encrypted':
      return 'This file was uploaded unencrypted, but the conversation is encrypted, so its link was not sent. Send the file again to share it encrypted.';
    case 'keys-unreachable':
      return "This contact's encryption keys could not be fetched; the message will be tried again.";
  }
}

export const refusal = (kind: OutgoingRefusalKind, options?: { cause?: unknown }): OutgoingRefusal => new OutgoingRefusal(kind, refusalText(kind), options);
