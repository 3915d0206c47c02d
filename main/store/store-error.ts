/**
 * A store operation that failed for a reason the caller can explain to the user. `invalid-input`: the caller
 * passed something the file must never hold (so it was refused before touching the disk); `blocked`: a
 * damaged file could not be moved aside, and writing would destroy it, so nothing is written.
 */
export type StoreErrorKind = 'invalid-input' | 'blocked';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly kind: StoreErrorKind;

  constructor(kind: StoreErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
