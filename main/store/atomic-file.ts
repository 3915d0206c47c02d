/**
 * Crash-safe file replacement: after a crash or power loss at any moment, the file holds either the old
 * contents or the new, never a mix. Steps: write a temp file in the same directory (rename is atomic only
 * within one file system), fsync it, rename it over the target, fsync the directory (so the rename itself
 * survives a power loss).
 *
 * Not built on write-file-atomic 7: it does not fsync the directory, and its temp names
 * (`<file>.<32-bit hash>`) cannot be told apart from other files, so leftovers of a crash could not be
 * cleaned up safely. Ours are `<file>.tmp-<pid>-<random>`.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_INFIX = '.tmp-';

export interface WriteOptions {
  /** File mode of a newly written file; security state defaults to owner-only. */
  readonly mode?: number;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const temp = `${file}${TEMP_INFIX}${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    renamed = true;
    await syncDirectory(dirname(file));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/** Makes a rename or a file creation in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    // Windows cannot open a directory; NTFS journals the rename itself.
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Deletes temp files that an interrupted write of `file` left behind: those of dead processes, and this
 * process's own. Call it only while holding `file`'s lock (path-locks.ts): then no write of ours is in flight.
 * Returns the names it removed.
 */
export async function removeStaleTempFiles(
  file: string,
  isProcessAlive: (pid: number) => boolean = processExists,
): Promise<readonly string[]> {
  const dir = dirname(file);
  const prefix = `${basename(file)}${TEMP_INFIX}`;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number.parseInt(entry.slice(prefix.length).split('-')[0] ?? '', 10);
    if (!Number.isSafeInteger(pid) || pid <= 0) continue;
    if (pid !== process.pid && isProcessAlive(pid)) continue;
    try {
      await unlink(join(dir, entry));
      removed.push(entry);
    } catch {
      // Already gone, or not ours to remove: either way nothing to clean.
    }
  }
  return removed;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
