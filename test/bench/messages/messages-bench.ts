/**
 * The message history benchmark (issue 12): a database of 1,000,000 messages over 1,000 conversations and 3
 * accounts, made once per run in a temporary directory (removed after), then measured against the issue's
 * targets: opening a conversation, a search's first page, storing archive pages, start-up to the first
 * connect, and the size per message. `HOSTPROOF_MESSAGES_BENCH_COUNT` changes the number of messages.
 *
 * How the million is made: all but the last tenth written in bulk (bulk-fill.ts, the real schema), then the
 * last tenth stored through the app's archive path (archive-bench.ts), which is the throughput measurement.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import { createTestCipher } from '../../harness/test-cipher.js';
import { QUICK_RUN_NOTE, type BenchScale } from '../bench-scale.js';
import { measureArchiveStore } from './archive-bench.js';
import { bulkFill } from './bulk-fill.js';
import { measureHistory } from './history-bench.js';
import { measureSearch } from './search-bench.js';
import { summarize } from './stats.js';
import { measureStartup, prepareAccounts, preparePins, trustStateSize } from './startup-bench.js';
import { printRows, resultRows, type Row } from './table.js';
import type { ResultsSink } from '../results-table.js';
import { createWorld } from './world.js';


const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Where the bytes are, per table and index (SQLite's dbstat), largest first. */
function breakdown(raw: Database.Database, messages: number): string {
  const rows = raw.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as Array<{ name: string; bytes: number }>;
  return rows
    .filter((r) => r.bytes / messages >= 1)
    .map((r) => `${r.name} ${Math.round(r.bytes / messages)}`)
    .join(', ');
}

export async function runMessagesBench(scale: BenchScale, results?: ResultsSink): Promise<void> {
  const total = scale.messages;
  const started = Date.now();
  const loadBefore = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const root = await mkdtemp(path.join(os.tmpdir(), 'hostproof-messages-bench-'));
  try {
    const cipher = createTestCipher(true);
    const full = { dataDir: path.join(root, 'full'), file: path.join(root, 'full', 'messages.sqlite') };
    const empty = { dataDir: path.join(root, 'empty') };
    const accounts = await prepareAccounts(full.dataDir, cipher, scale);
    const emptyAccounts = await prepareAccounts(empty.dataDir, cipher, scale);
    await preparePins([full.dataDir, empty.dataDir], cipher, scale);
    const world = createWorld(accounts.slice(0, 3), total);
    const trust = trustStateSize(scale);

    const viaArchive = Math.min(100_000, Math.floor(total / 10));
    const bulk = total - viaArchive;
    const single = Math.min(2000, Math.floor(viaArchive / 10));
    const fillStarted = Date.now();
    bulkFill(full.file, world, 0, bulk, new Date());
    const bulkSeconds = (Date.now() - fillStarted) / 1000;

    const rows: Row[] = [];
    const db = openMessageDb({ file: full.file, now: () => new Date(), report: (p) => console.log(`  (database) ${p.message}`) });
    const raw = new Database(full.file, { readonly: true });
    let sizeNote = '';
    try {
      const archive = measureArchiveStore(db, world, bulk, bulk + single, total);
      rows.push(...archive.rows);
      const stored = (raw.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      if (stored !== total) throw new Error(`expected ${total} stored messages, found ${stored}`);
      rows.push(...measureHistory(db, world, scale.historySamples));
      rows.push(...measureSearch(db, raw, world, 8));
      const running = sizeOf(full.file) + sizeOf(`${full.file}-wal`);
      rows.push({ label: 'Size per message, running (file + WAL)', unit: 'B', measured: summarize([running / stored]) });
      sizeNote = `  ${stored.toLocaleString('en-GB')} messages: ${mb(sizeOf(full.file))} file + ${mb(sizeOf(`${full.file}-wal`))} WAL while running; bytes per message by table and index: ${breakdown(raw, stored)}`;
    } finally {
      raw.close();
      db.close();
    }
    rows.push({ label: 'Size per message, closed (file)', unit: 'B', measured: summarize([(sizeOf(full.file) + sizeOf(`${full.file}-wal`)) / total]) });
    rows.push(...(await measureStartup({ ...full, accounts }, { ...empty, accounts: emptyAccounts }, cipher, scale.startupRounds)));

    results?.add(resultRows(rows)); // the combined table (issue 16 item 6)
    printRows(`Message history: ${total.toLocaleString('en-GB')} messages, ${world.conversations.length} conversations over 3 of ${accounts.length} accounts (SQLite, FTS5); start-up also with ${trust.pins} pins and ${trust.logEntries.toLocaleString('en-GB')} trust-log entries`, rows);
    console.log(
      `  Made by: ${bulk.toLocaleString('en-GB')} written in bulk (real schema, ${bulkSeconds.toFixed(0)} s), then ${single.toLocaleString('en-GB')} through store() one transaction each (the baseline) and ${(viaArchive - single).toLocaleString('en-GB')} through storeArchivePage in pages (the measurement)`,
    );
    console.log(sizeNote);
    if (scale.quick) console.log(QUICK_RUN_NOTE);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`  (message benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} cores; load average ${loadBefore} before, ${loadAfter} after)`);
}
