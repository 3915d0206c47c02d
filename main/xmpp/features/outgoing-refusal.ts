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
  /** A shared file's link in an encrypted conversation: the file itself would lie unencrypted on the server. */
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
      return 'Files cannot be shared in an encrypted conversation yet: the file would be stored unencrypted on the server, so it was not sent.';
    case 'keys-unreachable':
      return "This contact's encryption keys could not be fetched; the message will be tried again.";
  }
}

export const refusal = (kind: OutgoingRefusalKind, options?: { cause?: unknown }): OutgoingRefusal => new OutgoingRefusal(kind, refusalText(kind), options);
