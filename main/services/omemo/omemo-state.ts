/**
 * Whether one account's OMEMO works, in words for the user: ready with our device, waiting for the first
 * connection to make it, or off with a typed reason. Off is final for the run: the keys are never replaced on
 * our own (new keys would be a new identity that every contact must verify again), so nothing is encrypted,
 * decrypted or published until the user resolves it.
 */
import type { OmemoKeyFileProblem } from '../../store/omemo/omemo-key-file.js';
import { OmemoKeyError } from '../../store/omemo/sealed-keys.js';
import { OmemoError } from '../../omemo/omemo-error.js';
import type { DeviceId } from '../../omemo/omemo-types.js';

export type OmemoOffReason =
  /** The computer offers no protected key store: keys are never kept unprotected. */
  | 'no-secret-store'
  /** A stored key does not open or does not decode. */
  | 'keys-damaged'
  /** The key file could not be opened (permissions, made by a newer Hostproof). */
  | 'key-file-unavailable';

export type AccountOmemoState =
  | { readonly status: 'ready'; readonly deviceId: DeviceId; /** Spaced as people compare it (omemo-fingerprint.ts). */ readonly fingerprint: string }
  /** No device yet: it is made when the account first comes online (its id must not clash with the published ones). */
  | { readonly status: 'waiting'; readonly message: string }
  | { readonly status: 'off'; readonly reason: OmemoOffReason; readonly message: string };

export type OffState = Extract<AccountOmemoState, { readonly status: 'off' }>;

export const WAITING: AccountOmemoState = {
  status: 'waiting',
  message: 'Encryption (OMEMO) is set up the first time this account connects.',
};

export function offForKeyFile(problem: OmemoKeyFileProblem): OffState {
  return { status: 'off', reason: problem.kind === 'damaged' ? 'keys-damaged' : 'key-file-unavailable', message: problem.message };
}

const DAMAGED_WORDS = 'The encryption keys of this account cannot be read. Encryption (OMEMO) stays off for it; nothing was replaced or deleted.';

/**
 * The key store's failure inside `error` or anything it was caused by (the cipher wraps what the library threw,
 * and the library calls our store): a storage failure is never mistaken for a bad message or a broken session.
 */
export function storageFailureIn(error: unknown): OmemoKeyError | OmemoError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof OmemoKeyError) return current;
    if (current instanceof OmemoError && current.kind === 'corrupt-store') return current;
    current = current.cause;
  }
  return null;
}

/** The state a storage failure puts the account in; null for a full disk, which stops one operation only. */
export function offForStorageFailure(failure: OmemoKeyError | OmemoError): OffState | null {
  if (failure instanceof OmemoKeyError) {
    if (failure.kind === 'disk-full') return null;
    return { status: 'off', reason: failure.kind === 'no-secret-store' ? 'no-secret-store' : 'keys-damaged', message: failure.kind === 'no-secret-store' ? failure.message : DAMAGED_WORDS };
  }
  return { status: 'off', reason: 'keys-damaged', message: DAMAGED_WORDS };
}
