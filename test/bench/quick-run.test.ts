/**
 * Issue 16, "no rot": `npm run bench` at tiny sizes (HOSTPROOF_BENCH_QUICK=1) runs as part of `npm test`, so a
 * benchmark that stops running or printing is caught with the change that broke it. It checks that every
 * benchmark ran to its table with measured numbers, not how fast anything was.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RESULTS_TABLE_TITLE } from './results-table.js';

interface Run {
  readonly code: number | null;
  readonly out: string;
}

function runQuickBench(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/run-benchmarks.ts'], {
      env: { ...process.env, HOSTPROOF_BENCH_QUICK: '1', HOSTPROOF_UI_BENCH_BEFORE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The lines of the table that starts with `title`, up to the next blank line. */
function tableAfter(out: string, title: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('npm run bench, quick run', () => {
  it('runs every benchmark to its table, with a number in every measured row', async () => {
    const run = await runQuickBench();
    expect(run.out).not.toContain('SKIPPING');
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('quick run: tiny sizes');

    const scram = tableAfter(run.out, 'SCRAM-SHA-1 client proof at 4096 iterations');
    expect(scram.filter((line) => / \d+\.\d+ ms\/op /.test(line))).toHaveLength(2);

    const cli = tableAfter(run.out, 'Command line start');
    expect(cli.find((line) => line.includes('--help')), cli.join('\n')).toMatch(/\d+ ms/);

    const login = tableAfter(run.out, 'Whole login against Prosody (direct TLS)');
    expect(login.filter((line) => / \d+\.\d+ ms\/op /.test(line)), login.join('\n')).toHaveLength(2);

    const connect = tableAfter(run.out, 'Connect to online through');
    expect(connect.filter((line) => /target .*: \d+\.\d+ (ok|\*\*miss\*\*)/.test(line)).length, connect.join('\n')).toBeGreaterThanOrEqual(8);

    const pipeline = tableAfter(run.out, 'Inbound messages: 200 one-to-one messages');
    expect(pipeline.find((line) => line.includes('The app')), pipeline.join('\n')).toMatch(/\d+ msg\/s/);
    expect(pipeline.find((line) => line.includes('Ratio app/bare')), pipeline.join('\n')).toMatch(/\d+\.\d+×/);

    const history = tableAfter(run.out, 'Message history: 3,000 messages');
    for (const label of ['Archive pages of 100 stored', 'Open a conversation: latest 50', 'Search, first page', 'Start → first account connecting']) {
      const row = history.find((line) => line.includes(label));
      expect(row, `${label} in\n${history.join('\n')}`).toMatch(/\d[\d,.]* (msg\/s|ms)/);
    }

    const ui = tableAfter(run.out, 'UI benchmark: production renderer in Chromium');
    const firstRender = ui.find((line) => /first render/i.test(line));
    expect(firstRender, ui.join('\n')).toMatch(/\d+ ms/);
    expect(ui.join('\n')).not.toMatch(/NaN|undefined/);

    // The one table at the end: a row from every benchmark, each target row with its verdict.
    const combined = tableAfter(run.out, RESULTS_TABLE_TITLE);
    const benchmarksIn = new Set(combined.map((line) => /^ {2}(\S+)/.exec(line)?.[1]));
    for (const benchmark of ['scram', 'cli', 'login', 'connect', 'pipeline', 'start-up', 'messages', 'ui']) {
      expect(benchmarksIn.has(benchmark), `${benchmark} in\n${combined.join('\n')}`).toBe(true);
    }
    expect(combined.filter((line) => /\s(ok|MISS)$/.test(line)).length, combined.join('\n')).toBeGreaterThanOrEqual(20);
    expect(combined.join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  }, 600_000);
});
