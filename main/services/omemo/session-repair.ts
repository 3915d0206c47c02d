/**
 * Repairing a broken session with one remote device: a message came through a session we no longer hold (lost
 * with a restored backup, deleted) or that is out of step. We open a new session from the device's published
 * bundle and send it a key-transport message through it (XEP-0384: an element without payload), so its next
 * message to us is readable again. The message that failed stays unreadable; the caller is told so.
 * At most once per device per interval (repair-limiter.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import type { OmemoCipher } from '../../omemo/omemo-cipher.js';
import type { RemoteDevice } from '../../omemo/omemo-key-store.js';
import type { FeatureLog } from '../../xmpp/features/feature-deps.js';
import type { OmemoPepClient } from './omemo-pep-client.js';
import { omemoMessageStanza } from './omemo-stanza.js';
import type { RepairLimiter } from './repair-limiter.js';
import { storageFailureIn } from './omemo-state.js';

export type RepairOutcome =
  /** A new session was opened and its key-transport message sent. */
  | 'sent'
  /** This device was repaired a short while ago: not again yet. */
  | 'recently-tried'
  /** No session is online to fetch the bundle and send through. */
  | 'offline'
  /** The device publishes no usable bundle: no session can be opened with it. */
  | 'no-bundle'
  /** Opening the session or sending failed (logged). */
  | 'failed';

export interface SessionRepairDependencies {
  readonly cipher: Pick<OmemoCipher, 'encryptKeyTransport'>;
  readonly limiter: RepairLimiter;
  readonly send: (stanza: Element) => Promise<void>;
  readonly log: FeatureLog;
  readonly ids?: () => string;
}

export interface SessionRepair {
  repair(pep: OmemoPepClient | null, device: RemoteDevice): Promise<RepairOutcome>;
}

export function createSessionRepair({ cipher, limiter, send, log, ids = randomUUID }: SessionRepairDependencies): SessionRepair {
  const note = (reason: string, device: RemoteDevice) => log({ feature: 'omemo', reason: `session repair with device ${device.deviceId}: ${reason}`, from: device.jid });

  return {
    async repair(pep, device) {
      // Offline does not use up the device's turn: the next message after reconnecting may repair it.
      if (pep === null) return 'offline';
      if (!limiter.claim(device.jid, device.deviceId)) return 'recently-tried';
      try {
        const fetched = await pep.fetchBundle(device.jid, device.deviceId);
        if (fetched === null || !fetched.ok) {
          note(fetched === null ? 'it publishes no bundle' : `its bundle was refused (${fetched.problem.kind})`, device);
          return 'no-bundle';
        }
        const result = await cipher.encryptKeyTransport([{ ...device, bundle: fetched.value, newSession: true }]);
        const [failure] = result.failed;
        if (failure !== undefined) {
          const storage = storageFailureIn(failure.error);
          if (storage !== null) throw storage;
          note(`no session could be opened (${failure.reason})`, device);
          return 'failed';
        }
        await send(omemoMessageStanza(device.jid, result.message, ids()));
        return 'sent';
      } catch (error) {
        // Our own key store failing is the caller's to act on (OMEMO goes off); the network's is only logged.
        if (storageFailureIn(error) !== null) throw error;
        note(`failed: ${error instanceof Error ? error.message : String(error)}`, device);
        return 'failed';
      }
    },
  };
}
