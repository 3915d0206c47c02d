/**
 * A look into an app's message database from outside the app (read-only): where each account's archive
 * catch-up stands, and how many message rows the file holds per account (what a deletion must have removed). The catch-up runs in the background after a login; a test that needs it finished (before a
 * restart, or before comparing files byte for byte) waits until this shows it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function archiveSyncPoints(dataDir: string): ReadonlyMap<string, string> {
  const file = path.join(dataDir, 'messages.sqlite');
  if (!existsSync(file)) return new Map();
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT account, last_archive_id FROM archive_sync').all() as Array<{ account: string; last_archive_id: string }>;
    return new Map(rows.map((r) => [r.account, r.last_archive_id]));
  } finally {
    db.close();
  }
}

/** How many messages the file holds for each account (an account with none is absent). */
export function storedMessageCounts(dataDir: string): ReadonlyMap<string, number> {
  const file = path.join(dataDir, 'messages.sqlite');
  if (!existsSync(file)) return new Map();
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT account, count(*) AS n FROM messages GROUP BY account').all() as Array<{ account: string; n: number }>;
    return new Map(rows.map((r) => [r.account, r.n]));
  } finally {
    db.close();
  }
}
