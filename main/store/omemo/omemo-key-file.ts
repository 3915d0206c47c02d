/**
 * Opens the file that holds OMEMO's keys (omemo-keys.sqlite): readable by the user alone (0600), in WAL mode
 * with every commit synced (a session's ratchet that moved on and was then lost would break the conversation,
 * and an identity key that was lost would make the user a stranger to every contact who verified them).
 *
 * Unlike the message history, a damaged key file is never moved aside or replaced on our own: new keys mean a
 * new identity, which the user's contacts see and must verify again. The file is left exactly as it is, OMEMO
 * stays off for this run, and the user is told in plain words (fail closed).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isDamage } from '../messages/open-database.js';

export const OMEMO_KEY_FILE_VERSION = 1;

const SCHEMA = `
  -- Every value is sealed (sealed-keys.ts): the table holds no key in the clear.
  CREATE TABLE sealed (
    account TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (account, kind, name)
  ) WITHOUT ROWID;
`;

export type OmemoKeyFileProblemKind =
  | 'damaged' // not a database, or damaged: left as it is; OMEMO off for this run
  | 'newer-version' // made by a newer Hostproof: left as it is; OMEMO off for this run
  | 'unavailable'; // could not be opened at all (permissions, a directory in its place)

export interface OmemoKeyFileProblem {
  readonly file: string;
  readonly kind: OmemoKeyFileProblemKind;
  /** Plain words for the user: what happened and what it means. */
  readonly message: string;
}

export type OpenedOmemoKeyFile = { readonly ok: true; readonly db: Database.Database } | { readonly ok: false; readonly problem: OmemoKeyFileProblem };

class NewerVersion extends Error {}

function openChecked(file: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > OMEMO_KEY_FILE_VERSION) throw new NewerVersion();
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on the disk before the message it belongs to leaves (a power cut loses no ratchet step).
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    if (version < OMEMO_KEY_FILE_VERSION) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${OMEMO_KEY_FILE_VERSION}`);
      })();
    }
    // Reads every row's page: damage anywhere shows now, before a key is trusted, not in the middle of a message.
    db.prepare('SELECT count(*), sum(length(value)) FROM sealed').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openOmemoKeyFile(file: string): OpenedOmemoKeyFile {
  const off = 'Encryption (OMEMO) stays off until this is resolved; nothing was changed or deleted.';
  try {
    return { ok: true, db: openChecked(file) };
  } catch (error) {
    if (error instanceof NewerVersion) {
      return { ok: false, problem: { file, kind: 'newer-version', message: `Your encryption keys (${file}) were saved by a newer version of Hostproof. ${off}` } };
    }
    if (isDamage(error)) {
      return { ok: false, problem: { file, kind: 'damaged', message: `Your encryption keys (${file}) are damaged and cannot be read. ${off}` } };
    }
    return { ok: false, problem: { file, kind: 'unavailable', message: `Hostproof could not open your encryption keys (${file}): ${(error as Error).message}. ${off}` } };
  }
}
