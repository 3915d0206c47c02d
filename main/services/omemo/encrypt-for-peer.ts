/**
 * One message encrypted for a contact: to every device the contact lists and every other device of our own
 * account (so our other clients can show what we sent), with bundles fetched only for devices we hold no session
 * with. Devices that could not be reached are returned with their typed reasons; when none of the contact's was
 * reached the message is refused (`no-device-reached`), so the caller sends nothing rather than plaintext; when
 * that is only because their bundles could not be asked for now, it is `offline`, which keeps the message queued.
 */
import { encryptsTo, type DeviceTrust } from '../../../app/domain/device-trust.js';
import type { DeliveredKey, FailedRecipient, OmemoCipher } from '../../omemo/omemo-cipher.js';
import { fingerprintOf } from '../../omemo/omemo-fingerprint.js';
import type { OmemoKeyStore, OwnDevice, RemoteDevice } from '../../omemo/omemo-key-store.js';
import type { DeviceId, EncryptedMessage } from '../../omemo/omemo-types.js';
import type { FeatureLog } from '../../xmpp/features/feature-deps.js';
import { AccountOmemoError } from './account-omemo-error.js';
import type { OmemoPepClient } from './omemo-pep-client.js';
import { storageFailureIn } from './omemo-state.js';
import { withBundlesWhereNeeded } from './recipient-bundles.js';
import type { WithheldDevice } from './withheld-device.js';

export interface EncryptedForPeer {
  readonly message: EncryptedMessage;
  /** Every device that got the key: the contact's and our own other ones. */
  readonly delivered: readonly DeliveredKey[];
  /** Every device that did not, with its typed reason (the message is still sendable: some device of the contact got it). */
  readonly failed: readonly FailedRecipient[];
  /** Devices left out by the person's trust: undecided (new, of a contact with a verified device) or distrusted. */
  readonly withheld: readonly WithheldDevice[];
}

export interface EncryptForPeerDependencies {
  readonly store: OmemoKeyStore;
  readonly cipher: Pick<OmemoCipher, 'encrypt'>;
  readonly ownJid: string;
  readonly log: FeatureLog;
  readonly devicesOf: (jid: string) => Promise<readonly DeviceId[]>;
  /** The current session's PEP client, or null offline (then only devices with a session can be reached). */
  readonly pep: () => OmemoPepClient | null;
  /** The person's trust in a device, recorded on first sight (device-trust-store.ts `see`). */
  readonly trustOf: (device: RemoteDevice) => Promise<DeviceTrust>;
}

/**
 * The fingerprint of a withheld device, so the person can compare it before deciding. A device that never wrote to
 * us has no identity key on record: it is taken from its published bundle (the key a session with it would be
 * opened on, and is then checked against), or stays null when that cannot be fetched.
 */
async function fingerprintIn(store: OmemoKeyStore, pep: OmemoPepClient | null, log: FeatureLog, device: RemoteDevice): Promise<string | null> {
  const identity = await store.loadIdentity(device);
  if (identity !== undefined) return fingerprintOf(identity);
  if (pep === null) return null;
  try {
    const bundle = await pep.fetchBundle(device.jid, device.deviceId);
    if (bundle === null || !bundle.ok) return null;
    await store.saveIdentity(device, bundle.value.identityKey);
    return fingerprintOf(bundle.value.identityKey);
  } catch (error) {
    if (storageFailureIn(error) !== null) throw error;
    log({ feature: 'omemo', reason: `the bundle of undecided device ${device.deviceId} could not be fetched: ${error instanceof Error ? error.message : String(error)}`, from: device.jid });
    return null;
  }
}

export async function encryptForPeer(deps: EncryptForPeerDependencies, ours: OwnDevice, peer: string, body: string): Promise<EncryptedForPeer> {
  const { store, cipher, ownJid, log, devicesOf } = deps;
  const notUs = (id: DeviceId) => !(peer === ownJid && id === ours.deviceId);
  const peerDevices = (await devicesOf(peer)).filter(notUs);
  if (peerDevices.length === 0) throw new AccountOmemoError('no-devices', `${peer} has no device that can read encrypted (OMEMO) messages.`);
  let ownOthers: readonly DeviceId[] = [];
  if (peer !== ownJid) {
    try {
      ownOthers = (await devicesOf(ownJid)).filter((id) => id !== ours.deviceId);
    } catch (error) {
      // Our other devices miss this message; the contact does not.
      if (storageFailureIn(error) !== null) throw error;
      log({ feature: 'omemo', reason: `our own device list is not known: ${error instanceof Error ? error.message : String(error)}`, from: ownJid });
    }
  }
  const listed: RemoteDevice[] = [...peerDevices.map((deviceId) => ({ jid: peer, deviceId })), ...ownOthers.map((deviceId) => ({ jid: ownJid, deviceId }))];
  // The person's trust decides who gets the key: a new device of a contact they verified waits for their decision.
  const devices: RemoteDevice[] = [];
  const withheld: WithheldDevice[] = [];
  for (const device of listed) {
    const trust = await deps.trustOf(device);
    if (encryptsTo(trust)) devices.push(device);
    else withheld.push({ ...device, trust, fingerprint: await fingerprintIn(store, deps.pep(), log, device) });
  }
  if (!devices.some((d) => d.jid === peer)) {
    throw new AccountOmemoError(
      'no-device-reached',
      `No device of ${peer} is trusted: open the trust center to decide about ${withheld.filter((w) => w.jid === peer).length === 1 ? 'its device' : 'its devices'}. The message was not sent.`,
      { failed: [], withheld },
    );
  }
  const prepared = await withBundlesWhereNeeded({ store, pep: deps.pep(), log }, devices);
  const result = await cipher.encrypt(body, prepared.recipients);
  const failed = [...prepared.failed, ...result.failed];
  for (const failure of failed) {
    // A session record that does not open is our key store failing, not the device: OMEMO goes off.
    const storage = storageFailureIn(failure.error);
    if (storage !== null) throw storage;
  }
  if (!result.delivered.some((delivered) => delivered.jid === peer)) {
    // No key reached the contact because their bundles could not be asked for now: kept for the next try, not failed.
    if (prepared.unreachable.some((device) => device.jid === peer)) {
      throw new AccountOmemoError('offline', `The encryption keys of ${peer} could not be fetched now; the message waits for the next try.`);
    }
    const reasons = [...new Set(failed.filter((f) => f.jid === peer).map((f) => f.reason))].join(', ');
    throw new AccountOmemoError('no-device-reached', `No device of ${peer} could be encrypted to (${reasons}); the message was not sent.`, { failed });
  }
  return { message: result.message, delivered: result.delivered, failed, withheld };
}
