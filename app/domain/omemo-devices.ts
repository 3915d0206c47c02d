/** What the trust center shows of an account's OMEMO (issue 15): our own device and every device we know of. */
import type { DeviceTrust } from './device-trust.js';

export interface OmemoDeviceView {
  /** The device's account (bare JID): a contact's, or our own account's other devices. */
  readonly jid: string;
  readonly deviceId: number;
  /** Grouped hex as the other clients show it; null until the device's identity key has been seen. */
  readonly fingerprint: string | null;
  readonly trust: DeviceTrust;
  /** ISO dates. */
  readonly firstSeen: string;
  readonly decidedAt: string | null;
}

export type OmemoDevicesView =
  | {
      readonly state: 'ready';
      readonly own: { readonly deviceId: number; readonly fingerprint: string; readonly uri: string };
      readonly devices: readonly OmemoDeviceView[];
    }
  /** OMEMO cannot run for this account (no protected key store, damaged keys): why, in plain words. */
  | { readonly state: 'off'; readonly message: string };
