/**
 * `npm run bench`: every comparison in one process run, printed with ratios, then connect to online under
 * network delay (the app's connect path against Prosody behind 40 ms each way), the inbound message pipeline,
 * the message history benchmark (1,000,000 messages in SQLite) and the UI benchmark (a production renderer in
 * Chromium against the targets). Needs Prosody for the connect, login and pipeline benchmarks and
 * Chromium for the UI benchmark (each skipped with a loud line when missing). `npm run bench -- <name>` runs
 * one alone: `ui`, `messages`, `connect`, `cli` (the command line's start, `--help` to its first byte of
 * output), `login` (the whole login with and without channel binding), `pipeline` (inbound messages).
 * `HOSTPROOF_BENCH_QUICK=1` runs everything at tiny sizes (bench-scale.ts), as `npm test` does. Every run ends
 * with one table of everything it measured (results-table.ts): median and spread, baseline and ratio, target, ok or MISS.
 */
import 'reflect-metadata';
import os from 'node:os';
import { runCliStartBench } from './cli-start-bench.js';
import { compare } from './compare.js';
import { runConnectDelayBench } from './connect-delay-bench.js';
import { runMessagesBench } from './messages/messages-bench.js';
import { runPipelineBench } from './pipeline-bench.js';
import { saslComparisons } from './sasl-bench.js';
import { scramComparisons } from './scram-bench.js';
import { benchScale, QUICK_RUN_NOTE } from './bench-scale.js';
import { PROSODY, requireSystemDependency } from '../harness/system-dependency.js';
import { runUiBench } from './ui/ui-bench.js';
import { createResultsTable } from './results-table.js';

const scale = benchScale();
// Every benchmark hands its rows here as well as printing its own detail; the run ends with them in one table.
const results = createResultsTable();
const started = Date.now();
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const loadBefore = load();
/** Seconds each benchmark took, to see where the whole run's time goes. */
const took: string[] = [];
let lap = Date.now();
const lapDone = (name: string) => {
  took.push(`${name} ${((Date.now() - lap) / 1000).toFixed(0)} s`);
  lap = Date.now();
};
if (scale.quick) console.log(QUICK_RUN_NOTE.trim());
const only = process.argv.slice(2).find((arg) => ['ui', 'messages', 'connect', 'cli', 'login', 'pipeline'].includes(arg));
if (!only) for (const comparison of scramComparisons(scale)) await compare(comparison, results);
lapDone('scram');
if (!only || only === 'cli') await runCliStartBench(scale.cliRuns, results);
lapDone('cli');

if ((!only || only === 'login') && requireSystemDependency(PROSODY, 'bench (whole login)')) {
  const sasl = await saslComparisons(scale);
  try {
    for (const comparison of sasl.comparisons) await compare(comparison, results);
    const used = sasl.used();
    console.log(`  mechanisms used: ${used.join('; ')}`);
    // A Prosody without -PLUS mechanisms (e.g. one whose LuaSec has no channel binding) logs both sides in unbound.
    if (!used.some((u) => u.includes('-PLUS'))) console.log('  note: this Prosody offered no -PLUS mechanism, so both sides logged in without channel binding');
  } finally {
    await sasl.stop();
  }
}
lapDone('login');

if ((!only || only === 'connect') && requireSystemDependency(PROSODY, 'bench (connect under network delay)')) await runConnectDelayBench(scale.connectRounds, results);
lapDone('connect');
if ((!only || only === 'pipeline') && requireSystemDependency(PROSODY, 'bench (inbound messages)')) await runPipelineBench(scale, results);
lapDone('pipeline');

if (!only || only === 'messages') await runMessagesBench(scale, results);
lapDone('messages');
if (!only || only === 'ui') await runUiBench(scale, results);
lapDone('ui');

console.log(`\n${results.lines().join('\n')}`);
if (scale.quick) console.log(QUICK_RUN_NOTE);
console.log(`  (the whole run took ${((Date.now() - started) / 1000).toFixed(0)} s on ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}; load average ${loadBefore} before, ${load()} after: ${took.join(', ')})`);
