/**
 * What the OMEMO PEP client refuses to do, by kind. What the server refuses comes as the session's
 * StanzaError (its `condition` is the kind there), and hostile content as a parser's WireResult; this is
 * for our own callers asking for something the wire cannot carry.
 */
export type OmemoPepErrorKind = 'invalid-address' | 'invalid-device-id' | 'invalid-device-list' | 'invalid-bundle';

export class OmemoPepError extends Error {
  override name = 'OmemoPepError';
  constructor(
    readonly kind: OmemoPepErrorKind,
    message: string,
  ) {
    super(message);
  }
}
