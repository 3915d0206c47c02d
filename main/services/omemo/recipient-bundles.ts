/**
 * The recipients of one message, each with what the cipher needs to reach it: nothing more for a device we
 * hold a session with, its published bundle for one we do not (fetched only then, and side by side). A device
 * whose bundle the wire refused is reported as `bad-bundle`; one without a bundle is passed on without, and the
 * cipher reports it `no-session`. Nobody is left out silently.
 *
 * A device whose bundle could not be asked for now (offline, the request failed or timed out: the session ended
 * under it) is also listed as `unreachable`: that is not the device's fault, and the caller keeps the message for
 * the next try rather than fail it for good (issue 15: a message in flight when the server restarts).
 */
import type { FailedRecipient, Recipient } from '../../omemo/omemo-cipher.js';
import { OmemoError } from '../../omemo/omemo-error.js';
import type { OmemoKeyStore, RemoteDevice } from '../../omemo/omemo-key-store.js';
import type { FeatureLog } from '../../xmpp/features/feature-deps.js';
import type { OmemoPepClient } from './omemo-pep-client.js';

export interface PreparedRecipients {
  readonly recipients: readonly Recipient[];
  readonly failed: readonly FailedRecipient[];
  /** Devices without a session whose bundle could not be asked for now (passed on without one all the same). */
  readonly unreachable: readonly RemoteDevice[];
}

export async function withBundlesWhereNeeded(
  { store, pep, log }: { readonly store: OmemoKeyStore; readonly pep: OmemoPepClient | null; readonly log: FeatureLog },
  devices: readonly RemoteDevice[],
): Promise<PreparedRecipients> {
  const unreachable: RemoteDevice[] = [];
  const prepared = await Promise.all(
    devices.map(async (device): Promise<Recipient | FailedRecipient> => {
      if ((await store.loadSession(device)) !== undefined) return device;
      if (pep === null) {
        unreachable.push(device);
        return device;
      }
      let fetched;
      try {
        fetched = await pep.fetchBundle(device.jid, device.deviceId);
      } catch (error) {
        log({ feature: 'omemo', reason: `the bundle of device ${device.deviceId} could not be fetched: ${error instanceof Error ? error.message : String(error)}`, from: device.jid });
        unreachable.push(device);
        return device;
      }
      if (fetched === null) return device;
      if (!fetched.ok) {
        const error = new OmemoError('bad-bundle', `The bundle of ${device.jid} (device ${device.deviceId}) was refused: ${fetched.problem.kind} at ${fetched.problem.where}.`);
        return { ...device, reason: 'bad-bundle', error };
      }
      return { ...device, bundle: fetched.value };
    }),
  );
  const isFailed = (entry: Recipient | FailedRecipient): entry is FailedRecipient => 'reason' in entry;
  return { recipients: prepared.filter((entry) => !isFailed(entry)), failed: prepared.filter(isFailed), unreachable };
}
