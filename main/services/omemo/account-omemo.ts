/**
 * One account's OMEMO: our device published on each session, the device lists of the people we write to, and
 * every message encrypted to all their devices and our own other ones, or refused with a typed reason.
 *
 * Fail closed: when the key file did not open, the OS offers no protected key store, or a stored key does not
 * open, the account's OMEMO is off for the run (omemo-state.ts). Then every encrypt and decrypt fails with that
 * reason: the caller never falls back to plaintext, and no new keys are made over the damaged ones.
 *
 * The pieces: own-device-publishing.ts (our device and its place in our list), device-list-cache.ts (contacts'
 * lists), encrypt-for-peer.ts with recipient-bundles.ts (every device, bundles only where there is no session),
 * session-repair.ts with repair-limiter.ts (a broken session answered with a new one, rarely), signed-prekey-schedule.ts
 * (our signed pre-key replaced weekly, at a session online).
 */
import type { Element } from '@xmpp/xml';
import { createDeviceTrustStore, type DeviceTrustStore } from '../../omemo/device-trust-store.js';
import { blindTrustBeforeVerification, type IdentityPolicy } from '../../omemo/identity-policy.js';
import { createOmemoCipher } from '../../omemo/omemo-cipher.js';
import { createOmemoDevice } from '../../omemo/omemo-device.js';
import { OmemoError } from '../../omemo/omemo-error.js';
import { fingerprintOf } from '../../omemo/omemo-fingerprint.js';
import type { OwnDevice } from '../../omemo/omemo-key-store.js';
import type { DeviceId, EncryptedMessage } from '../../omemo/omemo-types.js';
import { keyStoreOnRecords } from '../../omemo/records-key-store.js';
import type { FeatureLog } from '../../xmpp/features/feature-deps.js';
import type { AccountKeys } from './account-keys.js';
import { AccountOmemoError } from './account-omemo-error.js';
import { createDeviceListCache } from './device-list-cache.js';
import { encryptForPeer, type EncryptedForPeer } from './encrypt-for-peer.js';
import type { OmemoPepClient } from './omemo-pep-client.js';
import { offForKeyFile, offForStorageFailure, storageFailureIn, WAITING, type AccountOmemoState } from './omemo-state.js';
import { createOwnDevicePublishing } from './own-device-publishing.js';
import { createRepairLimiter, REPAIR_INTERVAL_MS } from './repair-limiter.js';
import { createSessionRepair } from './session-repair.js';
import { refreshSignedPreKey } from './signed-prekey-schedule.js';

export type { EncryptedForPeer } from './encrypt-for-peer.js';

export interface AccountOmemoDependencies {
  /** The account's key records, or why the key file did not open (account-keys.ts). */
  readonly keys: AccountKeys;
  /** The account's bare JID, canonical. */
  readonly ownJid: string;
  /** ms since the epoch: signed pre-key ages and the repair interval. */
  readonly now: () => number;
  readonly log: FeatureLog;
  /** Sends a stanza on the account's current session (the key-transport message of a session repair). */
  readonly send: (stanza: Element) => Promise<void>;
  /** Defaults to blind trust before verification. */
  readonly identityPolicy?: IdentityPolicy;
  /** Our device id when one is made; random by default. */
  readonly newDeviceId?: () => DeviceId;
  readonly repairIntervalMs?: number;
  /** How old our signed pre-key may get before a session online replaces it (default a week). */
  readonly signedPreKeyMaxAgeMs?: number;
  /** How long a replaced signed pre-key still opens sessions (default omemo-device.ts's 30 days). */
  readonly signedPreKeyGraceMs?: number;
  /** Stanza ids; random by default. */
  readonly ids?: () => string;
}

export interface AccountOmemo {
  state(): AccountOmemoState;
  /**
   * A session came online: our device set up once, our bundle and our place in our device list published, lists
   * followed. Does nothing while off; rejects with AccountOmemoError (`off` when this is how the key store's failure
   * showed, `server-error` when the server refused).
   */
  online(pep: OmemoPepClient): Promise<void>;
  /** The session ended: device lists are asked again after the next `online`, since their changes go unheard meanwhile. */
  offline(): void;
  /** A contact's device ids (or our own account's): cached, asked of the server when unknown. */
  devicesOf(jid: string): Promise<readonly DeviceId[]>;
  /** Rejects with AccountOmemoError when no device of `peer` got the key: then nothing may be sent. */
  encrypt(peer: string, body: string): Promise<EncryptedForPeer>;
  /** The body, or null for a key-transport message. Rejects with AccountOmemoError (after trying to repair a broken session). */
  decrypt(from: string, message: EncryptedMessage): Promise<string | null>;
  /** The person's trust in each device we have seen (the trust center's devices); null while OMEMO is off. */
  trust(): DeviceTrustStore | null;
  dispose(): void;
}

/** Errors of the server round trips, apart from our own typed ones and the key store's. */
function fromServer(error: unknown): unknown {
  if (error instanceof AccountOmemoError || error instanceof OmemoError || storageFailureIn(error) !== null) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new AccountOmemoError('server-error', `The server did not give what OMEMO asked for: ${why}.`, { cause: error });
}

export async function createAccountOmemo(deps: AccountOmemoDependencies): Promise<AccountOmemo> {
  const { keys, ownJid, now, log, send } = deps;
  const identityPolicy = deps.identityPolicy ?? blindTrustBeforeVerification;
  let current: AccountOmemoState = keys.ok ? WAITING : offForKeyFile(keys.problem);
  let own: OwnDevice | null = null;
  let session: { readonly pep: OmemoPepClient; readonly stop: () => void } | null = null;
  let onlineChain: Promise<void> = Promise.resolve();
  let disposed = false;

  // When the file did not open, a table that refuses everything stands in; the off state stops every use before it anyway.
  const refuse = () => Promise.reject(offError());
  const store = keyStoreOnRecords(keys.ok ? keys.records : { get: refuse, put: refuse, delete: refuse, list: refuse });
  const device = createOmemoDevice({
    store,
    now,
    ...(deps.newDeviceId === undefined ? {} : { newDeviceId: deps.newDeviceId }),
    ...(deps.signedPreKeyGraceMs === undefined ? {} : { signedPreKeyGraceMs: deps.signedPreKeyGraceMs }),
  });
  const cipher = createOmemoCipher({ store, ownJid, identityPolicy });
  const trust = createDeviceTrustStore(keys.ok ? keys.records : { get: refuse, put: refuse, delete: refuse, list: refuse }, now);
  const keepSignedPreKeyFresh = async () => {
    const { rotatedTo, dropped } = await refreshSignedPreKey(device, now, deps.signedPreKeyMaxAgeMs);
    if (rotatedTo !== null) log({ feature: 'omemo', reason: `our signed pre-key was due for replacement: replaced by signed pre-key ${rotatedTo}`, from: null });
    if (dropped.length > 0) log({ feature: 'omemo', reason: `replaced signed pre-keys past their grace period dropped: ${dropped.join(', ')}`, from: null });
  };
  const publishing = createOwnDevicePublishing({ device, ownJid, log, keepSignedPreKeyFresh });
  const lists = createDeviceListCache();
  const repair = createSessionRepair({
    cipher,
    limiter: createRepairLimiter({ now, intervalMs: deps.repairIntervalMs ?? REPAIR_INTERVAL_MS }),
    send,
    log,
    ...(deps.ids === undefined ? {} : { ids: deps.ids }),
  });

  const offError = () =>
    current.status === 'off'
      ? new AccountOmemoError('off', current.message, { offReason: current.reason })
      : new AccountOmemoError('off', 'Encryption (OMEMO) is off for this account.');

  function becomeReady(device: OwnDevice): void {
    own = device;
    current = { status: 'ready', deviceId: device.deviceId, fingerprint: fingerprintOf(device.identityKeyPair.publicKey) };
  }

  /** Every failure as AccountOmemoError; a failing key store turns OMEMO off for the run. */
  function typed(error: unknown): unknown {
    if (error instanceof AccountOmemoError) return error;
    const storage = storageFailureIn(error);
    if (storage !== null) {
      const off = offForStorageFailure(storage);
      if (off === null) return new AccountOmemoError('disk-full', storage.message, { cause: error });
      if (current.status !== 'off') {
        current = off;
        log({ feature: 'omemo', reason: `OMEMO is off for this account: ${off.reason}`, from: null });
      }
      return offError();
    }
    if (error instanceof OmemoError) return new AccountOmemoError(error.kind, error.message, { cause: error });
    return error;
  }

  async function fenced<T>(run: () => Promise<T>): Promise<T> {
    if (current.status === 'off') throw offError();
    try {
      return await run();
    } catch (error) {
      throw typed(error);
    }
  }

  function ownDevice(): OwnDevice {
    if (current.status === 'off') throw offError();
    if (own === null) throw new AccountOmemoError('not-ready', 'Encryption (OMEMO) is set up when this account first comes online.');
    return own;
  }

  /** Work started by a notification: failures are logged, and a failing key store still turns OMEMO off. */
  function inBackground(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      const failure = typed(error);
      log({ feature: 'omemo', reason: `${what} failed: ${failure instanceof Error ? failure.message : String(failure)}`, from: null });
    });
  }

  function heard(pep: OmemoPepClient, jid: string, devices: readonly DeviceId[]): void {
    if (current.status === 'off' || session?.pep !== pep) return;
    lists.set(jid, devices);
    if (jid !== ownJid || own === null || devices.includes(own.deviceId)) return;
    const ours = own;
    inBackground(
      'putting our device back in our device list',
      publishing.ownListAnnounced(pep, ours, devices).then((list) => lists.set(ownJid, list)),
    );
  }

  function fetchList(pep: OmemoPepClient) {
    return async (jid: string): Promise<readonly DeviceId[]> => {
      let result;
      try {
        result = await pep.fetchDeviceList(jid);
      } catch (error) {
        throw fromServer(error);
      }
      if (result.ok) return result.value;
      log({ feature: 'omemo', reason: `a device list was refused (${result.problem.kind} at ${result.problem.where})`, from: jid });
      return [];
    };
  }

  async function devicesOf(jid: string): Promise<readonly DeviceId[]> {
    const known = lists.known(jid);
    if (known !== undefined) return known;
    const pep = session?.pep;
    if (pep === undefined) throw new AccountOmemoError('offline', `The devices of ${jid} are not known while offline.`);
    return lists.get(jid, fetchList(pep));
  }

  async function afterPreKeyUsed(ours: OwnDevice): Promise<void> {
    const pep = session?.pep;
    // Offline: the next `online` tops up and publishes the bundle anyway.
    if (pep === undefined) return;
    try {
      await publishing.republishBundle(pep, ours);
    } catch (error) {
      // The message was read and its session advanced: it is given to the caller all the same.
      const failure = typed(error);
      log({ feature: 'omemo', reason: `republishing our bundle failed: ${failure instanceof Error ? failure.message : String(failure)}`, from: null });
    }
  }

  if (keys.ok) {
    try {
      const stored = await store.loadOwnDevice();
      if (stored !== undefined) becomeReady(stored);
    } catch (error) {
      typed(error);
    }
  }

  return {
    state: () => current,

    online(pep) {
      const run = async () => {
        if (disposed || current.status === 'off') return;
        session?.stop();
        const stop = pep.on('deviceList', ({ jid, devices }) => heard(pep, jid, devices));
        session = { pep, stop };
        lists.clear();
        await fenced(async () => {
          let published;
          try {
            published = await publishing.publish(pep);
          } catch (error) {
            throw fromServer(error);
          }
          becomeReady(published.own);
          if (lists.known(ownJid) === undefined) lists.set(ownJid, published.devices);
        });
      };
      // One at a time: our device must be made once, even when sessions come and go quickly.
      const next = onlineChain.then(run, run);
      onlineChain = next.catch(() => undefined);
      return next;
    },

    offline() {
      session?.stop();
      session = null;
      lists.clear();
    },

    devicesOf,

    encrypt(peer, body) {
      const trustOf = async (device: { jid: string; deviceId: DeviceId }) => (await trust.see(device)).trust;
      return fenced(() => encryptForPeer({ store, cipher, ownJid, log, devicesOf, pep: () => session?.pep ?? null, trustOf }, ownDevice(), peer, body));
    },

    decrypt(from, message) {
      return fenced(async () => {
        const ours = ownDevice();
        // A key transport for another device (sent to the account's bare address) has nothing for us.
        if (message.payload === undefined && !message.keys.some((key) => key.rid === ours.deviceId)) return null;
        // A device the cached list does not have: the list is stale, ask again next time.
        const known = lists.known(from);
        if (known !== undefined && !known.includes(message.sid)) lists.forget(from);
        // Seen: the trust center lists the device from now on (its trust decided on first sight).
        await trust.see({ jid: from, deviceId: message.sid });
        try {
          const result = await cipher.decrypt(from, message);
          if (result.usedPreKey) await afterPreKeyUsed(ours);
          return result.plaintext;
        } catch (error) {
          if (!(error instanceof OmemoError) || storageFailureIn(error) !== null) throw error;
          if (error.kind !== 'no-session' && error.kind !== 'bad-message') throw error;
          const outcome = await repair.repair(session?.pep ?? null, { jid: from, deviceId: message.sid });
          throw new AccountOmemoError(error.kind, error.message, { cause: error, repair: outcome });
        }
      });
    },

    trust: () => (current.status === 'off' ? null : trust),

    dispose() {
      disposed = true;
      session?.stop();
      session = null;
      lists.clear();
    },
  };
}
