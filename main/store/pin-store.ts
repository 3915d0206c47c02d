/**
 * The user's pins: "for this domain's chat service, trust this key". One entry per domain and service; domains
 * are kept as lower-case A-labels so "Example.COM" and "example.com" cannot hold two different pins.
 * Crash-safe and fail-closed through versioned-json-file.ts: a damaged file means no pins (ask again).
 */
import { z } from 'zod';
import type { CertificateSummary } from '../../app/domain/certificate.js';
import type { Pin, ServiceName } from '../../app/domain/trust.js';
import { parseDomain } from '../../app/domain/address/domain-name.js';
import { pinSchema } from './schemas.js';
import { StoreError } from './store-error.js';
import { createVersionedJsonFile, type JsonStoreOptions } from './versioned-json-file.js';

export const PIN_FILE_SCHEMA = 'hostproof.pins';
export const PIN_FILE_VERSION = 1;

export type PinStoreOptions = JsonStoreOptions;

export interface PinStore {
  get(domain: string, service: ServiceName): Promise<Pin | null>;
  /** All pins, ordered by domain. */
  list(): Promise<readonly Pin[]>;
  /** Adds the pin, replacing any pin for the same domain and service. */
  put(pin: Pin): Promise<void>;
  /**
   * Records that a server presented the pinned key in `certificate`: it was seen now, it matches again, and a
   * pin made from a published fingerprint learns the certificate it belongs to. False when there is no such pin.
   */
  touch(domain: string, service: ServiceName, seenAt: string, certificate: CertificateSummary): Promise<boolean>;
  /** Records that a server presented another key; the first such time is kept. False when there is no such pin. */
  markMismatch(domain: string, service: ServiceName, at: string): Promise<boolean>;
  /** False when there was no such pin. */
  remove(domain: string, service: ServiceName): Promise<boolean>;
}

const pinListSchema = z
  .array(pinSchema.refine((pin) => pin.certificate === null || pin.certificate.spkiSha256 === pin.spkiSha256, 'the pinned key is not the certificate\'s key'))
  .refine((pins) => new Set(pins.map(keyOf)).size === pins.length, 'two pins for the same domain and service');

export function createPinStore(options: PinStoreOptions): PinStore {
  const file = createVersionedJsonFile<Pin[]>({
    file: options.file,
    schema: PIN_FILE_SCHEMA,
    version: PIN_FILE_VERSION,
    data: pinListSchema,
    empty: () => [],
    label: 'pin',
    consequence: 'Servers you had approved by hand will ask for your approval again before you connect.',
    now: options.now,
    report: options.report,
    locks: options.locks,
  });

  const updateOne = async (domain: string, service: ServiceName, change: (pin: Pin) => Pin): Promise<boolean> => {
    const key = keyOf({ domain: storageDomain(domain), service });
    let found = false;
    await file.update((pins) => {
      found = pins.some((pin) => keyOf(pin) === key);
      return found ? pins.map((pin) => (keyOf(pin) === key ? change(pin) : pin)) : pins;
    });
    return found;
  };

  return {
    async get(domain, service) {
      const key = keyOf({ domain: storageDomain(domain), service });
      return (await file.read()).find((pin) => keyOf(pin) === key) ?? null;
    },

    async list() {
      return [...(await file.read())].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
    },

    async put(pin) {
      const stored: Pin = { ...pin, domain: storageDomain(pin.domain) };
      const key = keyOf(stored);
      await file.update((pins) => [...pins.filter((existing) => keyOf(existing) !== key), stored]);
    },

    touch(domain, service, seenAt, certificate) {
      return updateOne(domain, service, (pin) => ({
        ...pin,
        lastSeenAt: seenAt,
        mismatchSince: null,
        // Only the pinned key's own certificate may fill in the details: a pin names a key, not a certificate.
        certificate: pin.certificate ?? (certificate.spkiSha256 === pin.spkiSha256 ? certificate : null),
      }));
    },

    markMismatch(domain, service, at) {
      return updateOne(domain, service, (pin) => (pin.mismatchSince === null ? { ...pin, mismatchSince: at } : pin));
    },

    async remove(domain, service) {
      const key = keyOf({ domain: storageDomain(domain), service });
      let found = false;
      await file.update((pins) => {
        found = pins.some((pin) => keyOf(pin) === key);
        return found ? pins.filter((pin) => keyOf(pin) !== key) : pins;
      });
      return found;
    },
  };
}

function keyOf(pin: { readonly domain: string; readonly service: string }): string {
  return `${pin.service} ${pin.domain}`;
}

function storageDomain(domain: string): string {
  const parsed = parseDomain(domain);
  if (!parsed.ok) throw new StoreError('invalid-input', parsed.problem.message);
  return parsed.value.ascii;
}
