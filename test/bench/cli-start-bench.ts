/**
 * Command line start (issue 16, item 4): from spawning `node dist/cli/hostproof-posh.js --help` to the first
 * byte of its output, against an empty Node process that prints one byte (what no code of ours can go below).
 * The command is built first (vite, as `npm run posh` does), into a directory of its own under dist/ (inside the checkout, so
 * the bundle's external packages resolve from node_modules as they do for dist/cli): never into dist/cli, which the
 * integration tests' global setup builds and reads while `npm test` runs the quick benchmark beside them.
 * Runs alternate between the two, median of 10.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, spreadOf, type ResultsSink } from './results-table.js';

const TARGET_MS = 250;

function firstByte(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let at: number | null = null;
    child.stdout.once('data', () => {
      at = performance.now() - started;
    });
    child.stdout.resume();
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0 || at === null) reject(new Error(`${args.join(' ')} exited ${String(code)} without output`));
      else resolve(at);
    });
  });
}

export async function runCliStartBench(runs = 10, results?: ResultsSink): Promise<void> {
  mkdirSync(path.resolve('dist'), { recursive: true });
  const outDir = mkdtempSync(path.resolve('dist', 'cli-bench-'));
  const help: number[] = [];
  const empty: number[] = [];
  try {
    execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' });
    const bin = path.join(outDir, 'hostproof-posh.js');
    for (let i = 0; i < runs; i += 1) {
      help.push(await firstByte([bin, '--help']));
      empty.push(await firstByte(['-e', "process.stdout.write('x')"]));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const h = median(help);
  const e = median(empty);
  const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  console.log(`\nCommand line start, spawn → first byte of output (median (min–max) of ${runs}, alternating)`);
  console.log(`  hostproof-posh --help        ${h.toFixed(0).padStart(5)} ms (${spread(help)})  target ≤ ${TARGET_MS} ms: ${h <= TARGET_MS ? 'ok' : '**miss**'}`);
  console.log(`  empty Node process           ${e.toFixed(0).padStart(5)} ms (${spread(empty)})  (${(h / e).toFixed(2)}× of it for --help)`);
  results?.add([
    {
      benchmark: 'cli',
      measurement: 'hostproof-posh --help, spawn → first byte',
      unit: 'ms',
      measured: spreadOf(help),
      baseline: { name: 'empty Node process', median: e },
      target: { text: `≤ ${TARGET_MS} ms`, met: h <= TARGET_MS },
    },
  ]);
}
