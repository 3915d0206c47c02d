/**
 * A device our message left out because of the person's trust in it (issue 15): undecided (new, of a contact with a
 * verified device) or distrusted. Its own file, as both the encryption (encrypt-for-peer.ts) and its refusal
 * (account-omemo-error.ts) name it.
 */
import type { DeviceTrust } from '../../../app/domain/device-trust.js';
import type { RemoteDevice } from '../../omemo/omemo-key-store.js';

export interface WithheldDevice extends RemoteDevice {
  readonly trust: DeviceTrust;
  /** Its identity key's fingerprint, so the conversation can say which device to compare; null until the key is seen. */
  readonly fingerprint: string | null;
}
