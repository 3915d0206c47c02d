/**
 * Whether to accept a remote device's identity key: a decision the Signal library must not make on its own. The
 * adapter (signal-store-adapter.ts) asks this policy every time the library checks an identity, and a refusal
 * surfaces as a typed error (`identity-changed` or `untrusted-identity`), never as a silent skip.
 */
import { bytesEqual } from './omemo-bytes.js';
import type { DeviceId } from './omemo-types.js';

/**
 * `known` is the key this device showed before (undefined on first contact). Return true to accept `identityKey`.
 * May be async (a later policy can consult the trust records).
 */
export type IdentityPolicy = (jid: string, deviceId: DeviceId, identityKey: Uint8Array, known: Uint8Array | undefined) => boolean | Promise<boolean>;

/**
 * The project's default: blind trust before verification, so a new device is accepted on first sight; but a known
 * device that shows another key is refused, to be reported, until the person decides (the decision replaces the
 * stored key through the key store).
 */
export const blindTrustBeforeVerification: IdentityPolicy = (_jid, _deviceId, identityKey, known) =>
  known === undefined || bytesEqual(identityKey, known);
