/**
 * One account's OMEMO keys at rest: every value sealed with AES-256-GCM under a data key of the account's own,
 * and that data key sealed by the OS key store (the injected SecretCipher: Electron's safeStorage in the app).
 * One data key per account keeps the OS key store out of every ratchet step (a session changes with each
 * message), while nothing in the file can be read without the OS key store.
 *
 * Each value is bound to its row (account, kind, name as the cipher's additional data): a value copied to
 * another row does not open there. Anything that does not open is damage, reported with a typed kind and never
 * replaced on our own: the caller stops using OMEMO for the account and tells the user (fail closed).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AccountId } from '../../../app/domain/account.js';
import type { KeyRecordKind, KeyRecords } from '../../omemo/omemo-key-store.js';
import { isDiskFull } from '../messages/open-database.js';
import type { SecretCipher } from '../password-vault.js';

export type OmemoKeyErrorKind =
  | 'no-secret-store' // the OS offers no key store that protects a secret: keys are never written unprotected
  | 'damaged' // a value or the data key does not open: changed, moved, or sealed by another key store
  | 'disk-full'; // nothing was written; what is stored stays

export class OmemoKeyError extends Error {
  override readonly name = 'OmemoKeyError';
  constructor(
    readonly kind: OmemoKeyErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The data key's own row; its kind is none of the OMEMO layer's, so no caller can read or replace it. */
const DATA_KEY = 'data-key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The OMEMO layer's (kind, key, value) table for one account (keyStoreOnRecords builds the typed store on it). */
export function createSealedKeyRecords(options: { db: Database.Database; account: AccountId; cipher: SecretCipher }): KeyRecords {
  const { db, account, cipher } = options;
  const select = db.prepare<[string, string, string], { value: Buffer }>('SELECT value FROM sealed WHERE account = ? AND kind = ? AND name = ?');
  const upsert = db.prepare<[string, string, string, Buffer]>(
    'INSERT INTO sealed (account, kind, name, value) VALUES (?, ?, ?, ?) ON CONFLICT (account, kind, name) DO UPDATE SET value = excluded.value',
  );
  const insertIfAbsent = db.prepare<[string, string, string, Buffer]>('INSERT INTO sealed (account, kind, name, value) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const del = db.prepare<[string, string, string]>('DELETE FROM sealed WHERE account = ? AND kind = ? AND name = ?');
  const list = db.prepare<[string, string], { name: string; value: Buffer }>('SELECT name, value FROM sealed WHERE account = ? AND kind = ? ORDER BY name');
  let dataKey: Promise<Buffer> | null = null;

  const damaged = (what: string, cause?: unknown) =>
    new OmemoKeyError('damaged', `The encryption keys of this account cannot be read (${what}). Encryption stays off for it; nothing was replaced.`, { cause });

  const writing = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (isDiskFull(error)) throw new OmemoKeyError('disk-full', 'The disk is full: the encryption keys could not be saved. Nothing was lost.', { cause: error });
      throw error;
    }
  };

  async function loadDataKey(): Promise<Buffer> {
    if (!(await cipher.isAvailable().catch(() => false))) {
      throw new OmemoKeyError('no-secret-store', 'This computer offers no protected key store, so encryption keys cannot be kept safely; encryption is off.');
    }
    const sealed = select.get(account, DATA_KEY, '');
    if (sealed) {
      let plain: string;
      try {
        plain = (await cipher.decrypt(sealed.value)).plain;
      } catch (error) {
        throw damaged('its key does not open with this computer\'s key store', error);
      }
      const key = Buffer.from(plain, 'base64');
      if (key.length !== 32) throw damaged('its key has the wrong length');
      return key;
    }
    // Written only if still absent, then read back: two stores opened for one account agree on one data key.
    const fresh = await cipher.encrypt(randomBytes(32).toString('base64'));
    writing(() => insertIfAbsent.run(account, DATA_KEY, '', fresh));
    return loadDataKey();
  }

  // A failed attempt is not remembered: the next call asks the key store again (it may have been unlocked).
  const key = (): Promise<Buffer> => (dataKey ??= loadDataKey().catch((error: unknown) => {
    dataKey = null;
    throw error;
  }));
  const rowOf = (kind: KeyRecordKind, name: string) => Buffer.from(JSON.stringify([account, kind, name]), 'utf8');

  async function open(kind: KeyRecordKind, name: string, sealed: Buffer): Promise<Uint8Array> {
    const k = await key();
    if (sealed.length < IV_BYTES + TAG_BYTES) throw damaged(`a ${kind} entry is too short`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, sealed.subarray(0, IV_BYTES));
        decipher.setAAD(rowOf(kind, name));
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]));
      } catch (error) {
        throw damaged(`a ${kind} entry does not open`, error);
      }
  }

  return {
    async get(kind, name) {
      const row = select.get(account, kind, name);
      return row === undefined ? undefined : open(kind, name, row.value);
    },
    async list(kind) {
      const rows = list.all(account, kind);
      return Promise.all(rows.map(async (row) => ({ key: row.name, value: await open(kind, row.name, row.value) })));
    },
    async put(kind, name, value) {
      const k = await key();
      const iv = randomBytes(IV_BYTES);
      const c = createCipheriv('aes-256-gcm', k, iv);
      c.setAAD(rowOf(kind, name));
      const body = Buffer.concat([c.update(value), c.final()]);
      const sealed = Buffer.concat([iv, body, c.getAuthTag()]);
      writing(() => upsert.run(account, kind, name, sealed));
    },
    async delete(kind, name) {
      writing(() => del.run(account, kind, name));
    },
  };
}

/** Removes every key an account had (the account was removed): its identity ends with it. */
export function forgetOmemoKeys(db: Database.Database, account: AccountId): void {
  db.prepare('DELETE FROM sealed WHERE account = ?').run(account);
}
