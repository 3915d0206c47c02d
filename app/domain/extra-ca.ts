/**
 * A certificate authority the user added on top of the operating system's roots (posh.md §3, issue 9 item 6):
 * servers with certificates from it are trusted as if it were a public one, for XMPP and POSH alike. These are
 * the facts the window lists and the main process's own confirmation shows; the certificate's bytes stay in
 * main (main/store/extra-ca-store.ts).
 */
export interface CaFacts {
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601 timestamps. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** Lower-case hex of SHA-256 over the certificate's DER: what the key stores and dialogs name it by. */
  readonly sha256: string;
}

export interface ExtraCaView extends CaFacts {
  /** ISO 8601: when the user added it. */
  readonly addedAt: string;
}

/** A SHA-256 fingerprint as stored and asked for: 64 lower-case hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
