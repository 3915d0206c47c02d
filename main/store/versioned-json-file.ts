/**
 * A JSON file of security state: `{ "schema": "<name>", "version": N, "data": ... }`, validated on every load.
 *
 * Fail closed: a file that cannot be read, is not JSON, names another schema or an unknown version, or holds
 * data that fails validation is moved aside to `<file>.corrupt-<time>` (never deleted: it is evidence, and
 * the user may want it back), reported in plain words, and the store starts EMPTY. For pins that means "ask
 * again", never "trust". A store for which empty would be the unsafe answer gives `damaged`: the value a lost
 * file means (the login memory: "SCRAM required"). It is written in the damaged file's place before the
 * store is used, so the next start sees it too; the damaged file is copied aside first, and the copy replaced
 * atomically, so a crash at any point leaves either the damaged file (found again) or the marker.
 *
 * Every read and every read-modify-write runs under the file's lock (path-locks.ts) and reads the file from
 * disk, so stores opened on one file in one process see each other's writes and never lose one.
 */
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file.js';
import type { PathLocks } from './path-locks.js';
import { StoreError } from './store-error.js';

export type StoreProblemKind =
  | 'unreadable' // the file exists but reading it failed
  | 'not-json'
  | 'wrong-schema' // JSON, but not this store's envelope
  | 'unknown-version'
  | 'invalid-data'; // the envelope is right, the data fails validation

export interface StoreProblem {
  readonly file: string;
  readonly kind: StoreProblemKind;
  /** Where the damaged file now is; null when it could not be moved (then nothing is written over it). */
  readonly movedTo: string | null;
  /** Plain words for the user: what happened and what it means. */
  readonly message: string;
}

export type ReportStoreProblem = (problem: StoreProblem) => void;

/** What every store kept in one versioned JSON file is opened with. */
export interface JsonStoreOptions {
  readonly file: string;
  /** Used to name a damaged file when it is moved aside. */
  readonly now: () => Date;
  readonly report: ReportStoreProblem;
  /** Shared by every store of the process (see path-locks.ts). */
  readonly locks: PathLocks;
}

export interface VersionedJsonFileOptions<T> extends JsonStoreOptions {
  /** The envelope's `schema` value, e.g. "hostproof.pins". */
  readonly schema: string;
  readonly version: number;
  readonly data: z.ZodType<T>;
  readonly empty: () => T;
  /** What a damaged file means, when that must not be "empty" (see the header); persisted in its place. */
  readonly damaged?: () => T;
  /** What the file holds, for messages: "pin", "POSH cache". */
  readonly label: string;
  /** What starting empty means for the user, one sentence. */
  readonly consequence: string;
}

export interface VersionedJsonFile<T> {
  read(): Promise<T>;
  /**
   * Reads, applies `mutate`, validates the result and writes it, all under the file's lock. When `mutate`
   * returns the very object it was given, nothing is written.
   */
  update(mutate: (current: T) => T): Promise<T>;
}

type Loaded<T> = { readonly data: T; readonly writable: boolean };

export function createVersionedJsonFile<T>(options: VersionedJsonFileOptions<T>): VersionedJsonFile<T> {
  const { file, locks } = options;
  let cleanedTempFiles = false;

  async function load(): Promise<Loaded<T>> {
    if (!cleanedTempFiles) {
      // Leftovers of a write interrupted by a crash: never the real file, safe to drop under the lock.
      await removeStaleTempFiles(file);
      cleanedTempFiles = true;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: options.empty(), writable: true };
      return quarantine('unreadable', `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }

    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      return quarantine('not-json', 'is damaged (it is not valid JSON)');
    }
    if (!isRecord(envelope) || envelope['schema'] !== options.schema) {
      return quarantine('wrong-schema', `is not a ${options.label} file of this app`);
    }
    if (envelope['version'] !== options.version) {
      const version = typeof envelope['version'] === 'number' ? String(envelope['version']) : 'missing';
      return quarantine('unknown-version', `has format version ${version}, which this version of the app cannot read`);
    }
    const parsed = options.data.safeParse(envelope['data']);
    if (!parsed.success) {
      return quarantine('invalid-data', `holds data that is not valid (${describeIssue(parsed.error)})`);
    }
    return { data: parsed.data, writable: true };
  }

  async function quarantine(kind: StoreProblemKind, what: string): Promise<Loaded<T>> {
    if (options.damaged !== undefined) return replaceDamaged(kind, what, options.damaged());
    const movedTo = await moveAside();
    const message =
      movedTo === null
        ? `The ${options.label} file ${file} ${what}, and it could not be moved aside. It is left untouched and ` +
          `nothing will be saved over it until it is fixed or removed. ${options.consequence}`
        : `The ${options.label} file ${what}, so it was moved to ${movedTo} and the app starts with an empty ` +
          `${options.label} list. ${options.consequence}`;
    options.report({ file, kind, movedTo, message });
    return { data: options.empty(), writable: movedTo !== null };
  }

  /** Copies the damaged file aside, then writes the fail-closed value over it (crash-safe, see the header). */
  async function replaceDamaged(kind: StoreProblemKind, what: string, value: T): Promise<Loaded<T>> {
    const keptAt = await moveAside((from, to) => copyFile(from, to, constants.COPYFILE_EXCL));
    let written = false;
    if (keptAt !== null) {
      try {
        await write(value);
        written = true;
      } catch {
        // Reported below: the value holds for this run, and the damaged file is found again at the next start.
      }
    }
    const message =
      keptAt === null
        ? `The ${options.label} file ${file} ${what}, and it could not be copied aside. It is left untouched and ` +
          `nothing will be saved over it until it is fixed or removed. ${options.consequence}`
        : `The ${options.label} file ${what}, so it was copied to ${keptAt}` +
          `${written ? '' : ' (but could not be replaced, so this is reported again at the next start)'}. ${options.consequence}`;
    options.report({ file, kind, movedTo: keptAt, message });
    return { data: value, writable: written };
  }

  /** Renames (or copies) the damaged file to a name not yet taken; never overwrites an earlier damaged copy. */
  async function moveAside(move: (from: string, to: string) => Promise<void> = rename): Promise<string | null> {
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const target = `${file}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
      if (await exists(target)) continue;
      try {
        await move(file, target);
        return target;
      } catch {
        return null;
      }
    }
    return null;
  }

  async function write(data: T): Promise<void> {
    const envelope = { schema: options.schema, version: options.version, data };
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(envelope, null, 2)}\n`);
  }

  return {
    read: () => locks.withLock(file, async () => (await load()).data),

    update: (mutate) =>
      locks.withLock(file, async () => {
        const loaded = await load();
        if (!loaded.writable) {
          throw new StoreError('blocked', `The ${options.label} file ${file} is damaged and could not be moved aside, so changes are not saved.`);
        }
        const mutated = mutate(loaded.data);
        if (mutated === loaded.data) return loaded.data;
        // Validate before writing: a value the loader would reject must never reach the disk, or the next
        // start would throw away the whole store.
        const next = options.data.safeParse(mutated);
        if (!next.success) {
          throw new StoreError('invalid-input', `Refused to save the ${options.label} file: ${describeIssue(next.error)}.`);
        }
        await write(next.data);
        return next.data;
      }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unknown problem';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'top level';
  return `${where}: ${issue.message}`;
}
