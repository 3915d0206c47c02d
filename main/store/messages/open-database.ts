/**
 * Opens the message database: created readable by the user alone (0600, and its WAL and shared-memory files
 * inherit that), in WAL mode so a crash loses at most the transaction being written, brought to the current
 * schema one migration at a time. A file that is not a database, or a damaged one, is moved aside and a new
 * one started: history is a copy of what the server archive and the other devices hold, and the window must
 * keep working. A database made by a newer Hostproof is left untouched and this run keeps history in memory.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type MessageDbProblemKind =
  | 'damaged' // not a database, or damaged: moved aside, a new one started
  | 'newer-version' // made by a newer Hostproof: untouched; history kept in memory for this run
  | 'unavailable' // could not be opened at all (permissions, a directory in its place): in memory for this run
  | 'disk-full'; // the disk is full: nothing more is written until there is room; what is stored stays

export interface MessageDbProblem {
  readonly file: string;
  readonly kind: MessageDbProblemKind;
  /** Where the damaged file now is; null when nothing was moved. */
  readonly movedTo: string | null;
  /** Plain words for the user: what happened and what it means. */
  readonly message: string;
}

export interface OpenDatabaseOptions {
  readonly file: string;
  readonly now: () => Date;
  readonly report: (problem: MessageDbProblem) => void;
  /** A cap on the file's size in pages (SQLite's max_page_count): a full disk without filling one, for tests. */
  readonly maxPages?: number;
}

/** SQLite's answers that mean the file is not (or no longer) a database we can read. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX']);

export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

class NewerVersion extends Error {
  constructor(readonly version: number) {
    super(`schema version ${version} is newer than ${SCHEMA_VERSION}`);
  }
}

function createPrivately(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  // An older copy may have been made with a wider mode; messages are for the user alone.
  chmodSync(file, 0o600);
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw new NewerVersion(version);
  for (const migration of MIGRATIONS) {
    if (migration.version <= version) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** Opens, checks the schema can be read, and migrates; throws what SQLite said. */
function openChecked(file: string, maxPages: number | undefined): Database.Database {
  createPrivately(file);
  const db = new Database(file);
  try {
    // Before anything writes: a newer Hostproof's file must stay exactly as it is.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new NewerVersion(version);
    if (maxPages !== undefined) db.pragma(`max_page_count = ${Math.floor(maxPages)}`);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last commits, never the file's consistency.
    db.pragma('synchronous = NORMAL');
    // Copy the WAL back into the file every 32,000 pages (128 MB) rather than SQLite's 1,000: each copy ends in
    // two fsyncs, which cost more than the writing on an ordinary disk, and a page written again before the copy
    // (the end of a busy conversation's index, the text index's newest segments) is copied once. Storing
    // archive pages at a million messages: 8,000 pages gave about 1.4 times SQLite's default; 32,000 was faster
    // than 8,000 in every interleaved pair on a copy (1.3-2.0x) but within the noise in the full benchmark
    // (docs/performance.md); 64,000 was slower (every read looks through the WAL's index of the pages not yet
    // copied back). The WAL is cut back to 32 MB after each copy.
    db.pragma('wal_autocheckpoint = 32000');
    db.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);
    db.pragma('foreign_keys = ON');
    // What the person deletes is overwritten, not only unlinked: deleted messages leave no text in the file.
    db.pragma('secure_delete = ON');
    // Reads every table's definition: a file whose first pages are damaged fails here, not later.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    migrate(db);
    eraseDeletedFromIndex(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves the file and its WAL and shared-memory files aside under one time-stamped name; null when it cannot. */
export function moveDatabaseAside(file: string, now: () => Date): string | null {
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const target = `${file}.damaged-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    if (existsSync(target)) continue;
    try {
      renameSync(file, target);
      for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
      return target;
    } catch {
      return null;
    }
  }
  return null;
}

/** A database in memory: this run's history only, when the file cannot be used. */
function inMemory(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

export function openDatabase({ file, now, report, maxPages }: OpenDatabaseOptions): Database.Database {
  /** Reports why the file cannot be used and gives this run a database in memory; the file stays as it is. */
  const inMemoryBecause = (kind: MessageDbProblemKind, why: string): Database.Database => {
    report({ file, kind, movedTo: null, message: `${why} It is left as it is; this run keeps messages only until Hostproof closes.` });
    return inMemory();
  };
  try {
    return openChecked(file, maxPages);
  } catch (error) {
    if (error instanceof NewerVersion) return inMemoryBecause('newer-version', `Your message history (${file}) was saved by a newer version of Hostproof.`);
    if (!isDamage(error)) return inMemoryBecause('unavailable', `Hostproof could not open your message history (${file}): ${(error as Error).message}.`);
  }
  const movedTo = moveDatabaseAside(file, now);
  if (movedTo === null) return inMemoryBecause('unavailable', `Your message history (${file}) is damaged and could not be moved aside.`);
  report({
    file,
    kind: 'damaged',
    movedTo,
    message: `Your message history was damaged. It was moved to ${movedTo} and a new one started; messages your server keeps in its archive come back as you open your chats.`,
  });
  return openChecked(file, maxPages);
}

/**
 * The full-text index removes a deleted message's words at once (FTS5 'secure-delete'), instead of keeping
 * them until its segments are merged. A setting stored in the index itself: written once, when missing.
 */
function eraseDeletedFromIndex(db: Database.Database): void {
  const set = db.prepare(`SELECT v FROM message_text_config WHERE k = 'secure-delete'`).get() as { v: number } | undefined;
  if (set?.v !== 1) db.prepare(`INSERT INTO message_text (message_text, rank) VALUES ('secure-delete', 1)`).run();
}
