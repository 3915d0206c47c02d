/**
 * Every file of an app's data directory (pins, accounts, passwords, login memory, trust log, POSH cache, message database) by
 * content hash, so a test can say "byte-identical" or name exactly which files a step changed.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

export type DirSnapshot = ReadonlyMap<string, string>;

export async function snapshotDir(dir: string): Promise<DirSnapshot> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), createHash('sha256').update(await readFile(full)).digest('hex'));
  }
  return files;
}

/** The files added, removed or changed between two snapshots, sorted. */
export function changedFiles(before: DirSnapshot, after: DirSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

export function describeChanges(changed: readonly string[]): string {
  return changed.length === 0 ? 'no file changed' : `changed: ${changed.join(', ')}`;
}
