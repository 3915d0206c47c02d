/**
 * How far the person trusts one OMEMO device of a contact (or of their own account), as the trust center shows it
 * next to server trust (issue 15). Blind trust before verification is the default, as in Conversations, Dino and
 * Gajim; but once a contact has a device the person verified, a new device of that contact is not trusted on
 * sight: the conversation says so and asks.
 */

export type DeviceTrust =
  /** Accepted on first sight, never verified: encrypted to. */
  | 'blind'
  /** The person compared its fingerprint (or scanned it): encrypted to. */
  | 'verified'
  /** A new device of a contact with a verified device: not encrypted to until the person decides. */
  | 'undecided'
  /** The person said not to trust it: never encrypted to, and its messages are marked. */
  | 'distrusted';

export const DEVICE_TRUSTS: readonly DeviceTrust[] = ['blind', 'verified', 'undecided', 'distrusted'];

/** Whether our messages are encrypted to the device (its key is in them). */
export const encryptsTo = (trust: DeviceTrust): boolean => trust === 'blind' || trust === 'verified';

/**
 * The trust a device gets when we first see it, from the trust of the account's other devices: undecided when
 * one of them is verified (the person cares about this contact's keys), blind otherwise.
 */
export const trustOnFirstSight = (others: readonly DeviceTrust[]): DeviceTrust => (others.includes('verified') ? 'undecided' : 'blind');
