/**
 * The message database under SIGKILL (issue 12, "failure"): a writer stores archive pages (one transaction of
 * 20 messages each) as fast as it can and is killed at a random moment, again and again on the same file.
 * After each kill the app's own opener must find the file whole (no problem reported, SQLite's integrity check
 * "ok"), every page the writer had reported committed present, and at most the page being written missing,
 * never half of one; the full-text index must agree with the messages.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import type { MessageDbProblem } from '../../../main/store/messages/open-database.js';
import { expectBehaviour } from '../behaviour-table.js';

const KILLS = 100;
const PAGE = 20;
const ENTRY = fileURLToPath(new URL('./message-db-writer.ts', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

let dir: string;
let script: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostproof-db-crash-'));
  script = join(dir, 'writer.cjs');
  // One plain script (tsx would compile for most of a second at every start); the native driver stays outside.
  await build({ entryPoints: [ENTRY], outfile: script, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'silent' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the writer, kills it `delayMs` after its first committed page; the last page it reported committed. */
function writeAndKill(file: string, firstPage: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, String(firstPage)], { env: { ...process.env, NODE_PATH: NODE_MODULES } });
    let last = firstPage - 1;
    let buffered = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const page = Number(line.slice(2));
        if (last === firstPage - 1) setTimeout(() => child.kill('SIGKILL'), delayMs);
        last = page;
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`the writer ended on its own: ${errors}`))));
  });
}

describe('crash safety: the message database survives SIGKILL while writing', () => {
  it(`after each of ${KILLS} kills the file is whole and holds every committed page, whole`, { timeout: 120_000 }, async (context) => {
    const file = join(dir, 'messages.sqlite');
    let nextPage = 0;
    let wholeFiles = 0;
    let committedKept = 0;
    let halfPages = 0;
    const problems: MessageDbProblem[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      const reported = await writeAndKill(file, nextPage, Math.floor(Math.random() * 40));
      const db = openMessageDb({ file, now: () => new Date(), report: (p) => problems.push(p) });
      const raw = new Database(file, { readonly: true });
      const count = (raw.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      const indexed = (raw.prepare(`SELECT count(*) AS n FROM message_text WHERE message_text MATCH 'page'`).get() as { n: number }).n;
      if (raw.pragma('integrity_check', { simple: true }) === 'ok' && indexed === count) wholeFiles += 1;
      raw.close();
      // Whole pages only; every reported one; the page in flight may have committed without being reported.
      const pages = Math.floor(count / PAGE);
      if (count % PAGE !== 0) halfPages += 1;
      if (pages >= reported + 1 && pages <= reported + 2 && db.lastArchiveId('acc') === `a-${pages * PAGE - 1}`) committedKept += 1;
      db.close();
      nextPage = pages;
    }
    expect(problems).toEqual([]);
    expectBehaviour(context, {
      expected: `${KILLS} whole files, ${KILLS} with every committed page, 0 half pages, no problem`,
      got: `${wholeFiles} whole files, ${committedKept} with every committed page, ${halfPages} half pages, ${problems.length === 0 ? 'no problem' : problems.map((p) => p.kind).join(', ')}`,
    });
  });
});
