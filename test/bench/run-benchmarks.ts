/**
 * `npm run bench`: every comparison in one process run, printed with ratios, then the message history benchmark
 * (1,000,000 messages in SQLite) and the UI benchmark (a production renderer in Chromium against the issue's
 * targets). Needs Prosody for the connect comparison and Chromium for the UI benchmark (each skipped with a loud
 * line when missing). `npm run bench -- ui` runs the UI benchmark alone, `npm run bench -- messages` the message
 * history benchmark alone. `HOSTPROOF_BENCH_QUICK=1` runs everything at tiny sizes (bench-scale.ts), as `npm test` does.
 */
import 'reflect-metadata';
import { compare } from './compare.js';
import { connectComparison } from './connect-bench.js';
import { runMessagesBench } from './messages/messages-bench.js';
import { scramComparisons } from './scram-bench.js';
import { benchScale, QUICK_RUN_NOTE } from './bench-scale.js';
import { PROSODY, requireSystemDependency } from '../harness/system-dependency.js';
import { runUiBench } from './ui/ui-bench.js';

const scale = benchScale();
if (scale.quick) console.log(QUICK_RUN_NOTE.trim());
const only = process.argv.slice(2).find((arg) => arg === 'ui' || arg === 'messages');
if (!only) for (const comparison of scramComparisons(scale)) await compare(comparison);

if (!only && requireSystemDependency(PROSODY, 'bench (verified connect)')) {
  const { comparison, stop } = await connectComparison();
  try {
    await compare(comparison);
  } finally {
    await stop();
  }
}

if (!only || only === 'messages') await runMessagesBench(scale);
if (!only || only === 'ui') await runUiBench(scale);
