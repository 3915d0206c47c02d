/** The trust center's requests: pins, the POSH cache and each account's trust history. */
import type { AccountId } from '../../app/domain/account.js';
import type { Pin } from '../../app/domain/trust.js';
import type { PoshCacheEntry, TrustLogEntry } from '../../app/domain/trust-records.js';
import type { PinStore } from '../store/pin-store.js';
import type { TrustLog } from '../store/trust-log.js';
import type { PoshVerifier } from '../trust/posh/verify-posh.js';
import { UserFacingError } from '../ipc/handlers.js';

export interface TrustCenterService {
  listPins(): Promise<readonly Pin[]>;
  removePin(domain: string): Promise<void>;
  listPoshCache(): Promise<readonly PoshCacheEntry[]>;
  forgetPosh(domain: string): Promise<void>;
  trustLog(accountId: AccountId): Promise<readonly TrustLogEntry[]>;
  exportTrustLog(accountId: AccountId, jid: string): Promise<{ fileName: string; json: string }>;
}

export function createTrustCenterService(deps: { pins: PinStore; posh: PoshVerifier; trustLog: TrustLog; now: () => Date }): TrustCenterService {
  return {
    listPins: () => deps.pins.list(),
    removePin: async (domain) => {
      if (!(await deps.pins.remove(domain, 'xmpp-client'))) throw new UserFacingError(`There is no pin for ${domain}.`);
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
