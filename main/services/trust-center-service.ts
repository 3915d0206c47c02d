/** The trust center's requests: pins, the POSH cache and each account's trust history. */
import type { AccountId } from '../../app/domain/account.js';
import { domainForPeople } from '../../app/domain/address/domain-name.js';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import { XMPP_CLIENT_SERVICE, type Pin } from '../../app/domain/trust.js';
import type { PoshCacheEntry, TrustLogEntry } from '../../app/domain/trust-records.js';
import type { PinStore } from '../store/pin-store.js';
import type { TrustLog } from '../store/trust-log.js';
import type { PoshVerifier } from '../trust/posh/verify-posh.js';
import { UserFacingError } from '../ipc/handlers.js';
import { NOT_CONFIRMED } from './accounts-service.js';

export interface TrustCenterService {
  listPins(): Promise<readonly Pin[]>;
  /**
   * Pins the key with this SHA-256 (base64) for the domain, from a fingerprint its provider published elsewhere,
   * after the person confirmed it in the main process's own dialog; replaces an existing pin only then too.
   */
  addPin(domain: string, spkiSha256: string): Promise<Pin>;
  removePin(domain: string): Promise<void>;
  listPoshCache(): Promise<readonly PoshCacheEntry[]>;
  forgetPosh(domain: string): Promise<void>;
  trustLog(accountId: AccountId): Promise<readonly TrustLogEntry[]>;
  exportTrustLog(accountId: AccountId, jid: string): Promise<{ fileName: string; json: string }>;
}

export interface TrustCenterDeps {
  readonly pins: PinStore;
  readonly posh: PoshVerifier;
  readonly trustLog: TrustLog;
  readonly now: () => Date;
  /** The main process's own confirmation of a change of trust (here: removing a pin). */
  readonly confirm: ConfirmTrustChange;
}

export function createTrustCenterService(deps: TrustCenterDeps): TrustCenterService {
  return {
    listPins: () => deps.pins.list(),
    addPin: async (domain, spkiSha256) => {
      const existing = await deps.pins.get(domain, XMPP_CLIENT_SERVICE);
      if (existing !== null && existing.spkiSha256 === spkiSha256) return existing;
      const replaces = existing === null ? null : { spkiSha256: existing.spkiSha256, certificate: existing.certificate };
      if (!(await deps.confirm({ kind: 'pin-published', domain, spkiSha256, replaces }))) throw new UserFacingError(NOT_CONFIRMED);
      const at = deps.now().toISOString();
      // No certificate and no sighting yet: the first connection that presents this key fills both in.
      const pin: Pin = {
        domain,
        service: XMPP_CLIENT_SERVICE,
        spkiSha256,
        certificate: null,
        approvedAt: at,
        approvedHow: 'published-fingerprint',
        lastSeenAt: null,
        mismatchSince: null,
      };
      await deps.pins.put(pin);
      return (await deps.pins.get(domain, XMPP_CLIENT_SERVICE)) ?? pin;
    },
    removePin: async (domain) => {
      const pin = await deps.pins.get(domain, XMPP_CLIENT_SERVICE);
      if (pin === null) throw new UserFacingError(`There is no pin for ${domainForPeople(domain)}.`);
      const confirmed = await deps.confirm({ kind: 'remove-pin', domain, key: { spkiSha256: pin.spkiSha256, certificate: pin.certificate } });
      if (!confirmed) throw new UserFacingError(NOT_CONFIRMED);
      await deps.pins.remove(domain, XMPP_CLIENT_SERVICE);
    },
    listPoshCache: () => deps.posh.list(),
    forgetPosh: (domain) => deps.posh.forget(domain),
    trustLog: (accountId) => deps.trustLog.read(accountId),
    exportTrustLog: async (accountId, jid) => {
      const day = deps.now().toISOString().slice(0, 10);
      // The file name is built from the JID only after reducing it to safe characters.
      const safe = jid.replace(/[^A-Za-z0-9.@_-]/g, '_').slice(0, 100);
      return { fileName: `hostproof-trust-log-${safe}-${day}.json`, json: await deps.trustLog.exportJson(accountId) };
    },
  };
}
