/**
 * The user's pins: "for this domain's chat service, trust this key". One entry per domain and service; domains
 * are kept as lower-case A-labels so "Example.COM" and "example.com" cannot hold two different pins.
 * Crash-safe and fail-closed through versioned-json-file.ts: a damaged file means no pins (ask again).
 */
import { z } from 'zod';
import type { Pin, ServiceName } from '../../app/domain/trust.js';
import { parseDomain } from '../../app/domain/address/domain-name.js';
import type { PathLocks } from './path-locks.js';
import { pinSchema } from './schemas.js';
import { StoreError } from './store-error.js';
import { createVersionedJsonFile, type ReportStoreProblem } from './versioned-json-file.js';

export const PIN_FILE_SCHEMA = 'hostproof.pins';
export const PIN_FILE_VERSION = 1;

export interface PinStoreOptions {
  readonly file: string;
  /** Used to name a damaged file when it is moved aside. */
  readonly now: () => Date;
  readonly report: ReportStoreProblem;
  /** Shared by every store of the process (see path-locks.ts). */
  readonly locks: PathLocks;
}

export interface PinStore {
  get(domain: string, service: ServiceName): Promise<Pin | null>;
  /** All pins, ordered by domain. */
  list(): Promise<readonly Pin[]>;
  /** Adds the pin, replacing any pin for the same domain and service. */
  put(pin: Pin): Promise<void>;
  /** Records that the pinned key was seen again; false when there is no such pin. */
  touch(domain: string, service: ServiceName, seenAt: string): Promise<boolean>;
  /** False when there was no such pin. */
  remove(domain: string, service: ServiceName): Promise<boolean>;
}

const pinListSchema = z
  .array(pinSchema.refine((pin) => pin.certificate.spkiSha256 === pin.spkiSha256, 'the pinned key is not the certificate\'s key'))
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

    async touch(domain, service, seenAt) {
      const key = keyOf({ domain: storageDomain(domain), service });
      let found = false;
      await file.update((pins) => {
        found = pins.some((pin) => keyOf(pin) === key);
        return found ? pins.map((pin) => (keyOf(pin) === key ? { ...pin, lastSeenAt: seenAt } : pin)) : pins;
      });
      return found;
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
