/**
 * Why one account's OMEMO refused to encrypt or decrypt, as a kind the caller decides by: `off` and
 * `no-device-reached` mean "do not send" (never plaintext instead), a decryption refusal keeps the cipher's own
 * kind (omemo-error.ts) so the conversation can say "not encrypted for this device" or the trust center can show
 * a changed key.
 */
import type { FailedRecipient } from '../../omemo/omemo-cipher.js';
import type { OmemoErrorKind } from '../../omemo/omemo-error.js';
import type { OmemoOffReason } from './omemo-state.js';
import type { WithheldDevice } from './withheld-device.js';
import type { RepairOutcome } from './session-repair.js';

export type AccountOmemoErrorKind =
  /** OMEMO is off for this account (`offReason`; the state has the words for the user). */
  | 'off'
  /** Our device is made when the account first comes online, and it has not yet. */
  | 'not-ready'
  /** A device list or bundle was needed and no session is online. */
  | 'offline'
  /** The server refused a device list or bundle request, or did not answer it. */
  | 'server-error'
  /** The contact published no OMEMO device: there is nothing to encrypt for. */
  | 'no-devices'
  /** No device of the contact got the message's key (`failed` says why for each): the message must not be sent. */
  | 'no-device-reached'
  /** A key could not be saved because the disk is full; nothing was sent. */
  | 'disk-full'
  /** A decryption refusal, as the cipher gave it. */
  | OmemoErrorKind;

export interface AccountOmemoErrorDetails {
  readonly cause?: unknown;
  readonly offReason?: OmemoOffReason;
  /** Encrypting: the devices that got no key, each with its typed reason. */
  readonly failed?: readonly FailedRecipient[];
  /** Decrypting through a broken session: what was done to repair it. */
  readonly repair?: RepairOutcome;
  /** Refused because no device of the contact is trusted: the devices the person's trust left out. */
  readonly withheld?: readonly WithheldDevice[];
}

export class AccountOmemoError extends Error {
  override readonly name = 'AccountOmemoError';
  readonly kind: AccountOmemoErrorKind;
  readonly offReason: OmemoOffReason | undefined;
  readonly failed: readonly FailedRecipient[];
  readonly repair: RepairOutcome | undefined;
  /** Set only on the trust refusal (no device of the contact trusted), so the conversation can say which wait. */
  readonly withheld: readonly WithheldDevice[] | undefined;

  constructor(kind: AccountOmemoErrorKind, message: string, details: AccountOmemoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.offReason = details.offReason;
    this.failed = details.failed ?? [];
    this.repair = details.repair;
    this.withheld = details.withheld;
  }
}
