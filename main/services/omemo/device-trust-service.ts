/**
 * The trust center's OMEMO requests (issue 15): our own device with its fingerprint and `xmpp:` URI (for the QR
 * code others scan), every device we know of with its fingerprint and trust, and the person's decisions.
 * Raising trust (verified, or encrypting to an undecided or distrusted device) is carried out only after the
 * main process's own confirmation, so a compromised window cannot make us encrypt to an attacker's device;
 * lowering trust is not confirmed, as it can only keep messages from a device.
 *
 * Each decision tells the window the contact's devices still undecided, so an open conversation's notice about a
 * new device goes (or shrinks) the moment the person decides, not at the next message.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { DeviceTrust } from '../../../app/domain/device-trust.js';
import type { OmemoDevicesView, OmemoDeviceView } from '../../../app/domain/omemo-devices.js';
import type { ConfirmTrustChange } from '../../../app/domain/trust-change.js';
import type { UndecidedDevice } from '../../../app/ipc/omemo-contract.js';
import type { DeviceTrustRecord, DeviceTrustStore } from '../../omemo/device-trust-store.js';
import type { OmemoKeyStore } from '../../omemo/omemo-key-store.js';
import { OmemoError } from '../../omemo/omemo-error.js';
import { buildFingerprintUri, fingerprintHex, fingerprintOf, parseFingerprintUri, type FingerprintUri } from '../../omemo/omemo-fingerprint.js';
import { UserFacingError } from '../../ipc/handlers.js';
import { NOT_CONFIRMED } from '../accounts-service.js';

/** An account's OMEMO keys and trust records, or why OMEMO cannot run for it (in plain words). */
export type AccountOmemoRecords =
  | { readonly ok: true; readonly ownJid: string; readonly keys: OmemoKeyStore; readonly trust: DeviceTrustStore }
  | { readonly ok: false; readonly message: string };

export interface DeviceTrustService {
  list(accountId: AccountId): Promise<OmemoDevicesView>;
  setTrust(accountId: AccountId, jid: string, deviceId: number, trust: Exclude<DeviceTrust, 'undecided'>): Promise<OmemoDeviceView>;
  /**
   * An `xmpp:` link with OMEMO fingerprints (Conversations' QR code) was opened: each listed device that one of
   * `accounts` has seen with exactly that fingerprint is verified, each after main's own confirmation. Returns what
   * happened, in plain words, one line per device (none when the link carries no fingerprint).
   */
  verifyFromUri(uri: string, accounts: readonly AccountId[]): Promise<string[]>;
}

export interface DeviceTrustDeps {
  readonly recordsOf: (accountId: AccountId) => Promise<AccountOmemoRecords>;
  readonly confirm: ConfirmTrustChange;
  /** After a decision changed a device of `jid`: that contact's devices still undecided, possibly none. */
  readonly undecided?: (accountId: AccountId, jid: string, devices: readonly UndecidedDevice[]) => void;
}

const NOT_SET_UP = 'This account has no encryption keys yet: they are made when it first connects.';

export function createDeviceTrustService(deps: DeviceTrustDeps): DeviceTrustService {
  async function ready(accountId: AccountId) {
    const records = await deps.recordsOf(accountId);
    if (!records.ok) throw new UserFacingError(records.message);
    return records;
  }

  async function viewOf(keys: OmemoKeyStore, record: DeviceTrustRecord): Promise<OmemoDeviceView> {
    const identity = await keys.loadIdentity(record);
    return {
      jid: record.jid,
      deviceId: record.deviceId,
      fingerprint: identity === undefined ? null : fingerprintOf(identity),
      trust: record.trust,
      firstSeen: new Date(record.firstSeen).toISOString(),
      decidedAt: record.decidedAt === null ? null : new Date(record.decidedAt).toISOString(),
    };
  }

  /** The contact's devices our messages leave out until the person decides, as the conversation's notice names them. */
  async function undecidedOf(keys: OmemoKeyStore, store: DeviceTrustStore, jid: string): Promise<UndecidedDevice[]> {
    const waiting = (await store.ofAccount(jid)).filter((record) => record.trust === 'undecided');
    return Promise.all(waiting.map(async (record) => ({ deviceId: record.deviceId, fingerprint: (await viewOf(keys, record)).fingerprint })));
  }

  const service: DeviceTrustService = {
    async list(accountId) {
      const records = await deps.recordsOf(accountId);
      if (!records.ok) return { state: 'off', message: records.message };
      const own = await records.keys.loadOwnDevice();
      if (own === undefined) return { state: 'off', message: NOT_SET_UP };
      const identity = own.identityKeyPair.publicKey;
      const devices = await Promise.all((await records.trust.all()).map((record) => viewOf(records.keys, record)));
      return {
        state: 'ready',
        own: {
          deviceId: own.deviceId,
          fingerprint: fingerprintOf(identity),
          uri: buildFingerprintUri(records.ownJid, [{ deviceId: own.deviceId, fingerprint: fingerprintHex(identity) }]),
        },
        devices,
      };
    },
    async setTrust(accountId, jid, deviceId, trust) {
      const { ownJid, keys, trust: store } = await ready(accountId);
      const device = { jid, deviceId };
      const known = await store.get(device);
      if (known === undefined) throw new UserFacingError('Hostproof has not seen this device yet.');
      if (trust !== 'distrusted' && known.trust !== trust) {
        const identity = await keys.loadIdentity(device);
        if (identity === undefined) throw new UserFacingError('This device has not shown its key yet, so there is nothing to compare.');
        const confirmed = await deps.confirm({ kind: 'trust-device', account: ownJid, jid, deviceId, fingerprint: fingerprintOf(identity), trust });
        if (!confirmed) throw new UserFacingError(NOT_CONFIRMED);
      }
      if (known.trust === trust) return viewOf(keys, known);
      const decided = await store.decide(device, trust);
      deps.undecided?.(accountId, jid, await undecidedOf(keys, store, jid));
      return viewOf(keys, decided);
    },
    async verifyFromUri(uri, accounts) {
      let link: FingerprintUri;
      try {
        link = parseFingerprintUri(uri);
      } catch (error) {
        // Not a fingerprint link at all (a plain chat link is the usual case): nothing to say.
        if (error instanceof OmemoError && error.kind === 'malformed-uri' && !/omemo-sid-/i.test(uri)) return [];
        return [`The link's encryption fingerprints cannot be read, so nothing was verified: ${(error as Error).message}`];
      }
      const said: string[] = [];
      for (const { deviceId, fingerprint } of link.devices) {
        const device = { jid: link.jid, deviceId };
        let outcome = `Device ${deviceId} of ${link.jid} is not known to any of your accounts yet: write to ${link.jid} first, then open the link again.`;
        for (const accountId of accounts) {
          const records = await deps.recordsOf(accountId);
          if (!records.ok || (await records.trust.get(device)) === undefined) continue;
          const identity = await records.keys.loadIdentity(device);
          if (identity === undefined) continue;
          if (fingerprintHex(identity) !== fingerprint) {
            outcome = `Device ${deviceId} of ${link.jid} shows a different fingerprint than the link: it was NOT verified. Ask ${link.jid} in person.`;
            break;
          }
          try {
            await service.setTrust(accountId, link.jid, deviceId, 'verified');
            outcome = `Device ${deviceId} of ${link.jid} is verified: its fingerprint matches the link.`;
          } catch (error) {
            outcome = `Device ${deviceId} of ${link.jid} was not verified: ${(error as Error).message}`;
          }
        }
        said.push(outcome);
      }
      return said;
    },
  };
  return service;
}
