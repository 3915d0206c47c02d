/**
 * OMEMO's key records in a Map: the store for tests and for anything that must not outlive the process. Values
 * are copied on the way in and out, as a database would, so no caller can change a stored key by accident.
 */
import type { KeyRecordKind, KeyRecords, OmemoKeyStore } from './omemo-key-store.js';
import { keyStoreOnRecords } from './records-key-store.js';

export function createMemoryKeyRecords(): KeyRecords {
  const tables = new Map<KeyRecordKind, Map<string, Uint8Array>>();
  const table = (kind: KeyRecordKind) => {
    let rows = tables.get(kind);
    if (rows === undefined) tables.set(kind, (rows = new Map()));
    return rows;
  };
  return {
    get: async (kind, key) => {
      const value = table(kind).get(key);
      return value === undefined ? undefined : new Uint8Array(value);
    },
    put: async (kind, key, value) => {
      table(kind).set(key, new Uint8Array(value));
    },
    delete: async (kind, key) => {
      table(kind).delete(key);
    },
    list: async (kind) => [...table(kind)].map(([key, value]) => ({ key, value: new Uint8Array(value) })),
  };
}

export function createMemoryKeyStore(): OmemoKeyStore {
  return keyStoreOnRecords(createMemoryKeyRecords());
}
